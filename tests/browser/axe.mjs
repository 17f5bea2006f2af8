// axe-core over the whole page, as the demo specs use it: each violation as
// "rule-id: selector, selector", so a failing expect(…).toEqual([]) says what
// and where. Imported lazily, so specs that never call it do not depend on
// @axe-core/playwright. `disable`: rules left out, each with its reason
// where the spec calls it.
export async function axeViolations(page, { disable = [] } = {}) {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const { violations } = await new AxeBuilder({ page }).disableRules(disable).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
