// Trims Radix Themes' CSS to what TrustHabits draws (options come from
// trusthabits/ui/frontend_build.py, where a test keeps them in step with the compiled pages):
// - responsive variants (`.xs:rt-…` to `.xl:rt-…` inside @media min-width blocks): we pass
//   no responsive props to Radix components;
// - rules for components the app never uses (a selector naming `.rt-Slider…` when no Slider
//   exists can never match). Fewer rules: less to download, and less to match on every redraw.
const BREAKPOINT_CLASS = /\.(xs|sm|md|lg|xl)\\:/;
const COMPONENT_CLASS = /\.rt-([A-Z][A-Za-z]*)/g;

module.exports = ({ components = [] } = {}) => {
  const used = (name) => components.some((prefix) => name.startsWith(prefix));
  const keep = (selector) =>
    !BREAKPOINT_CLASS.test(selector) && [...selector.matchAll(COMPONENT_CLASS)].every(([, name]) => used(name));
  return {
    postcssPlugin: "trim-radix",
    OnceExit(root) {
      root.walkRules((rule) => {
        const kept = rule.selectors.filter(keep);
        if (kept.length === 0) rule.remove();
        else if (kept.length < rule.selectors.length) rule.selectors = kept;
      });
      root.walkAtRules((atRule) => {
        if (atRule.nodes && atRule.nodes.length === 0) atRule.remove();
      });
    },
  };
};
module.exports.postcss = true;
