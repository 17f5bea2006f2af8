// createElementComponent: one React component per flow element, made the way
// react-stripe-js's createElementComponent makes <CardElement> and the rest.
//
// Safe under StrictMode: React renders the element itself (its children
// become the element's light DOM, e.g. slot="dialog-aside" content for a
// dialog) and StrictMode's simulated unmount/remount of effects never removes
// it from the DOM, so it keeps its state, and its one click listener sends
// one request per click. Callbacks are read from refs, so new closures on
// every render neither re-create anything nor miss an event. On the server
// (and in the hydration render) it renders an empty <div>, and nothing here
// touches window at import.
import { createElement, useContext, useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { SetupFlowContext } from './context.mjs';

// useLayoutEffect warns on the server in older Reacts; it never runs there.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

// true in the browser, false on the server and while hydrating its HTML (so
// the first client render matches the server's), without an extra render
// for a client-only root.
const subscribeNever = () => () => {};
const useOnClient = () => useSyncExternalStore(subscribeNever, () => true, () => false);

/**
 * A React component for the custom element `tag`.
 * @param {string} tag e.g. 'setupflow-cashapp'
 * @param {object} spec
 * @param {string} spec.displayName
 * @param {() => unknown} spec.define registers the element (client only)
 * @param {Record<string, string>} spec.props prop name → the attribute it sets
 * @param {string[]} [spec.properties] props set as the element's properties
 *   of the same name (values that are not strings, e.g. a transport function)
 * @param {Record<string, {prop: string, lead?: string}>} spec.events event type →
 *   the callback prop called with its detail; with `lead`, called as
 *   callback(detail[lead], detail) (e.g. onSuccess(intent, detail))
 */
export function createElementComponent(tag, spec) {
  function ElementComponent(props) {
    const context = useContext(SetupFlowContext);
    const setupFlow = context ? context.setupFlow : null;
    const onClient = useOnClient();
    const elementRef = useRef(null);
    const listening = useRef(null); // the element the event listeners are on
    const propsRef = useRef(props);
    propsRef.current = props;

    // Registers the element; one React created before this is upgraded here.
    useIsomorphicLayoutEffect(() => {
      spec.define();
    }, []);

    // Listeners once per element, then attributes and the instance, before
    // paint; unchanged values are skipped (the element warns about immutable
    // ones changed after its flow started).
    useIsomorphicLayoutEffect(() => {
      const element = elementRef.current;
      if (!element) return;
      if (listening.current !== element) {
        listening.current = element;
        for (const [type, { prop, lead }] of Object.entries(spec.events)) {
          element.addEventListener(type, (event) => {
            const callback = propsRef.current[prop];
            if (typeof callback !== 'function') return;
            if (lead) callback(event.detail[lead], event.detail);
            else callback(event.detail);
          });
        }
      }
      for (const [prop, attribute] of Object.entries(spec.props)) {
        const value = props[prop];
        const text = value === undefined || value === null ? null : String(value);
        if (element.getAttribute(attribute) === text) continue;
        if (text === null) element.removeAttribute(attribute);
        else element.setAttribute(attribute, text);
      }
      for (const name of spec.properties || []) {
        if (element[name] !== (props[name] ?? null)) element[name] = props[name] ?? null;
      }
      if (setupFlow && element.setupFlow !== setupFlow) element.setupFlow = setupFlow;
    });

    return createElement(
      'div',
      { className: props.className, id: props.id },
      onClient ? createElement(tag, { ref: elementRef }, props.children) : null,
    );
  }
  ElementComponent.displayName = spec.displayName;
  return ElementComponent;
}
