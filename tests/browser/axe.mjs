// axe-core over the whole page, as the demo specs use it: each violation as
// "rule-id: selector, selector", so a failing expect(…).toEqual([]) says what
// and where. Imported lazily, so specs that never call it do not depend on
// @axe-core/playwright.
export async function axeViolations(page) {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
