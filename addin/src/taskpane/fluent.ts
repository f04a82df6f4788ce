import { webLightTheme } from "@fluentui/tokens";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";
import "@fluentui/web-components/tab.js";
import "@fluentui/web-components/tablist.js";

/**
 * Fluent UI, as Microsoft's add-in design guidance asks (design/add-in-design.md): the web
 * components the pane uses (the tab list and its tabs, each defined on import, only those two
 * so the bundle stays small) and Fluent's light theme, whose design tokens (the Office colours,
 * the Segoe UI type ramp, spacing and corner radii) become CSS custom properties on the page.
 * taskpane.css styles the native controls (inputs, selects, buttons) with the same tokens.
 */
export function useFluentTheme(): void {
  setTheme(webLightTheme);
}
