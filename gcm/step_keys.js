// Storyboard keys (an st.components.v2 component, run in the app's own page): the keys a
// presentation clicker sends (PageDown / PageUp), the arrows, Space and n / p step the storyboard.
// Streamlit calls this function again whenever the page redraws the component, without the cleanup
// in between, so the one listener lives in a slot on `window` and each call replaces it: never two
// listeners, never two steps for one key press.
const NEXT = new Set(["PageDown", "ArrowRight", "ArrowDown", " ", "n"]);
const PREVIOUS = new Set(["PageUp", "ArrowLeft", "ArrowUp", "p"]);
// Elements that use these keys themselves: typing, choosing in a list, moving in a table or a map.
const OWN_KEYS = [
  "input", "textarea", "select", "[contenteditable]:not([contenteditable='false'])",
  "[role=combobox]", "[role=listbox]", "[role=textbox]", "[role=searchbox]", "[role=spinbutton]",
  "[role=slider]", "[role=radiogroup]", "[role=radio]", "[role=tablist]", "[role=menu]", "[role=grid]",
  "[role=dialog]", "[data-testid=stDataFrame]", "[data-testid=stDeckGlJsonChart]",
].join(", ");
// Space on a focused button or link presses it (after a mouse click on Next, for example).
const PRESSED_BY_SPACE = "button, a[href], summary, [role=button], [role=link], [role=checkbox], [role=switch]";
const SLOT = "__gcmStoryboardKeys";

export default function ({ setTriggerValue }) {
  const onKey = (event) => {
    if (event.defaultPrevented || event.repeat || event.isComposing
        || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) {
      return;  // Streamlit's and the browser's own shortcuts, and a held key, are left alone
    }
    const step = NEXT.has(event.key) ? "next" : PREVIOUS.has(event.key) ? "previous" : null;
    if (step === null) {
      return;
    }
    const target = event.composedPath()[0];  // the element inside any shadow root
    if (target instanceof Element
        && (target.closest(OWN_KEYS) || (event.key === " " && target.closest(PRESSED_BY_SPACE)))) {
      return;
    }
    event.preventDefault();  // PageDown and Space would otherwise scroll the page
    setTriggerValue("step", step);
  };
  if (window[SLOT]) {
    window.removeEventListener("keydown", window[SLOT]);
  }
  window[SLOT] = onKey;
  window.addEventListener("keydown", onKey);
  return () => {
    if (window[SLOT] === onKey) {
      window.removeEventListener("keydown", onKey);
      delete window[SLOT];
    }
  };
}
