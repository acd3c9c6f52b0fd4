// Which React components render, from outside the app: an init script that stands in for React
// DevTools' hook (react-dom calls it after every commit, production builds included). For each
// commit it keeps the components that rendered and, for each, the element it renders into (its
// nearest host ancestor), so a test can ask "which notes re-rendered" without component names,
// which the production build minifies. A component rendered when it is new or React flagged it
// PerformedWork (1); a subtree whose child list is the previous one's was not entered at all (the
// walk React DevTools itself does). memo's outer fiber (tag 14) is skipped: its inner one counts.
// Used by the scorecard's render tests (tests/e2e) and tests/bench/typing-keys.ts.

export interface ReactCommit {
  /** performance.now() at the commit. */
  t: number;
  /** Indexes into window.__renderTypes of the components that rendered, one per rendering. */
  rendered: number[];
}

export const OBSERVE_COMMITS = `(() => {
  const types = [];
  const index = new Map();
  const commits = [];
  const hosts = [];
  const keyDowns = [];
  window.__renderTypes = types;
  window.__commits = commits;
  window.__renderHosts = hosts;
  window.__keyDowns = keyDowns;
  addEventListener("keydown", (e) => {
    if (["Shift", "Control", "Alt", "Meta"].includes(e.key)) return;
    keyDowns.push({ t: e.timeStamp, key: e.key });
  }, true);
  const COMPONENT = new Set([0, 1, 11, 15]);
  const typeOf = (f) => (f.tag === 11 ? f.type.render : f.type);
  const hostOf = (f) => {
    for (let p = f.return; p; p = p.return) if (p.tag === 5) return p.stateNode;
    return null;
  };
  function walk(next, prev, out, t) {
    if (COMPONENT.has(next.tag) && (!prev || (next.flags & 1))) {
      const type = typeOf(next);
      if (!index.has(type)) { index.set(type, types.length); types.push(type); }
      out.push(index.get(type));
      hosts.push({ t, host: hostOf(next) });
    }
    if (prev && next.child === prev.child) return;
    for (let c = next.child; c; c = c.sibling) walk(c, c.alternate, out, t);
  }
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject() { return 1; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onCommitFiberRoot(id, root) {
      const out = [];
      const t = performance.now();
      walk(root.current, root.current.alternate, out, t);
      commits.push({ t, rendered: out });
    },
  };
})()`;
