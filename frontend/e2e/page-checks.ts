// What every page must pass at both widths, checked where the browser journeys take their
// screenshots: nothing overflows the viewport or is cut off by its container, and axe-core finds no
// serious or critical accessibility violation.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** Elements that stick out of the viewport, and containers that hide or scroll away part of their content. */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60);
      return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
    };
    if (document.documentElement.scrollWidth > width + 1) problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px viewport`);
    for (const el of document.querySelectorAll("body *")) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden" || el.closest(".skip, .visually-hidden, [aria-hidden='true']")) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      // Inside a container that scrolls sideways (a wide table on a phone), sticking out is scrolling.
      let inScroller = false;
      for (let a = el.parentElement; a && !inScroller; a = a.parentElement) inScroller = ["auto", "scroll"].includes(getComputedStyle(a).overflowX);
      if (!inScroller && (rect.right > width + 1 || rect.left < -1)) {
        problems.push(`${describe(el)} spans ${Math.round(rect.left)}–${Math.round(rect.right)} px, outside the ${width} px viewport`);
        continue;
      }
      const clips = style.overflowX === "hidden" || style.overflowX === "clip" || style.textOverflow === "ellipsis";
      // A scroller is fine on a phone (wide tables scroll there), never on the desktop.
      const scrollsAway = (style.overflowX === "auto" || style.overflowX === "scroll") && width >= 1000;
      if ((clips || scrollsAway) && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`${describe(el)} shows ${el.clientWidth} of its ${el.scrollWidth} px (${clips ? "clipped" : "scrolled away"})`);
      }
    }
    return problems;
  });
}

/** axe-core's serious and critical findings (WCAG 2.x A and AA). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}
