// Drops Radix Themes' responsive variants (`.xs:rt-…` to `.xl:rt-…` inside @media min-width
// blocks): 60 % of its component and utility CSS. TrustHabits passes no responsive props to
// Radix components (a test checks the compiled pages), so a phone never needs these rules.
const BREAKPOINT_CLASS = /\.(xs|sm|md|lg|xl)\\:/;

module.exports = () => ({
  postcssPlugin: "drop-radix-breakpoints",
  OnceExit(root) {
    root.walkRules((rule) => {
      if (rule.selectors.every((selector) => BREAKPOINT_CLASS.test(selector))) rule.remove();
    });
    root.walkAtRules("media", (atRule) => {
      if (!atRule.nodes || atRule.nodes.length === 0) atRule.remove();
    });
  },
});
module.exports.postcss = true;
