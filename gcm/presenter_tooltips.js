// Presenter mode: a map's tooltip stays inside the map (an st.components.v2 component, run in the
// app's page). deck.gl puts its tooltip right of and below the pointer with `transform`, so near the
// map's right or bottom edge the map's frame cut it off; this moves it to the other side of the
// pointer with `translate`, a separate CSS property that deck.gl leaves alone.
const SLOT = "__gcmPresenterTooltips";
const GAP = 24;  // pointer to tooltip, both ways

function fit(tip) {
  const map = tip.closest("[data-testid=stDeckGlJsonChart]");
  if (!map || getComputedStyle(tip).display === "none") {
    return;
  }
  const [oldX, oldY] = [Number(tip.dataset.gcmDx || 0), Number(tip.dataset.gcmDy || 0)];
  const frame = map.getBoundingClientRect();
  const shown = tip.getBoundingClientRect();
  const left = shown.left - oldX, top = shown.top - oldY;  // where deck.gl put it
  let dx = left + shown.width > frame.right ? -(shown.width + GAP) : 0;
  let dy = top + shown.height > frame.bottom ? -(shown.height + GAP) : 0;
  dx = Math.max(dx, frame.left - left);  // never out on the other side either
  dy = Math.max(dy, frame.top - top);
  if (dx !== oldX || dy !== oldY) {  // only a change writes: this observer sees its own writes
    tip.dataset.gcmDx = dx;
    tip.dataset.gcmDy = dy;
    tip.style.translate = `${dx}px ${dy}px`;
  }
}

export default function () {
  if (window[SLOT]) {
    window[SLOT].disconnect();
  }
  const moved = new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.target instanceof HTMLElement && change.target.classList.contains("deck-tooltip")) {
        fit(change.target);
      }
    }
  });
  moved.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["style"] });
  window[SLOT] = moved;
  return () => {
    if (window[SLOT] === moved) {
      moved.disconnect();
      delete window[SLOT];
    }
  };
}
