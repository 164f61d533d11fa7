// The trading panel's locator, run in the page by Runtime.evaluate (browser/page_controls.cpp
// calls it as `(THIS)(TABLE, NAMES)`; the build embeds this file in the binary). TABLE is
// core/cdp/locator_table.hpp's table as JSON, NAMES the controls wanted. For each control:
//   1. the elements of its kinds whose normalised text matches one of its texts (exact, or a
//      prefix followed by a non-letter or the end; one character only exactly), the innermost
//      only (a wrapper div around the button is not a second match);
//   2. if none of them is usable, its CSS fallbacks in order;
// where usable means shown (not display:none, visibility:hidden, opacity 0), of non-zero size,
// with its centre inside the viewport and, for a control that is clicked or typed into, enabled
// and not covered by another element at that point. One usable element is the control; two are
// an error (ambiguous), never a guess. Returns {viewport, controls: [{name, found, by, rule,
// text, value, x, y, problem, rejected: [{element, text, reason}], rejected_count}]}, x and y the
// centre in CSS pixels of the viewport, as Input.dispatchMouseEvent takes them.
(function (table, names) {
  'use strict';
  const maxRejected = 20;
  // core/cdp/locator_table.cpp's normalise_text: the same whitespace (not String.trim's), ASCII only.
  const collapse = (s) => s.replace(/[ \t\n\r\f\v\u00a0]+/g, ' ').replace(/^ | $/g, '');
  const normalise = (s) => collapse(s).replace(/[a-z]/g, (c) => c.toUpperCase());
  const isLetter = (c) => /[A-Za-z]/.test(c);
  // The DOM does not change while this runs: texts, styles and selector results are computed once.
  const memo = (f) => {
    const cache = new Map();
    return (key) => {
      if (!cache.has(key)) cache.set(key, f(key));
      return cache.get(key);
    };
  };
  const textOf = memo((e) => collapse(e.innerText !== undefined ? e.innerText : e.textContent || ''));
  const styleOf = memo((e) => getComputedStyle(e));

  function matches(pattern, text) {
    if (!pattern.text) return false;
    if (pattern.match === 'exact' || pattern.text.length === 1) return text === pattern.text;
    if (!text.startsWith(pattern.text)) return false;
    return text.length === pattern.text.length || !isLetter(text[pattern.text.length]);
  }

  function describe(e) {
    let d = e.tagName.toLowerCase();
    if (e.id) d += '#' + e.id;
    const classes = typeof e.className === 'string' ? e.className.trim().split(/\s+/).filter(Boolean) : [];
    if (classes.length) d += '.' + classes.slice(0, 3).join('.');
    return d;
  }

  function hiddenReason(e) {
    for (let a = e; a && a.nodeType === 1; a = a.parentElement) {
      const s = styleOf(a);
      if (s.display === 'none') return a === e ? 'hidden (display: none)' : `hidden (display: none on ${describe(a)})`;
      if (Number(s.opacity) === 0) return a === e ? 'hidden (opacity: 0)' : `hidden (opacity: 0 on ${describe(a)})`;
    }
    const v = styleOf(e).visibility;
    if (v !== 'visible') return `hidden (visibility: ${v})`;
    return null;
  }

  // Why `e` cannot be the control, or null when it can.
  function unusable(e, use) {
    const hidden = hiddenReason(e);
    if (hidden) return hidden;
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return `zero size (${r.width}x${r.height})`;
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight)
      return `off-screen (centre ${Math.round(x)},${Math.round(y)}; viewport ${innerWidth}x${innerHeight})`;
    if (use === 'read') return null;
    if (e.disabled || e.getAttribute('aria-disabled') === 'true' || e.closest('fieldset:disabled')) return 'disabled';
    const hit = document.elementFromPoint(x, y);
    if (hit && hit !== e && !e.contains(hit)) return `covered by ${describe(hit)}`;
    return null;
  }

  // The elements set aside for a control, each once, with why.
  class Rejections {
    constructor() { this.list = []; this.seen = new Set(); }
    add(e, reason) {
      if (this.seen.has(e)) return;
      this.seen.add(e);
      this.list.push({ element: describe(e), text: textOf(e), reason });
    }
  }

  const select = memo((selector) => {
    try {
      return { elements: Array.from(document.querySelectorAll(selector)) };
    } catch (error) {
      return { error: `invalid CSS selector ${JSON.stringify(selector)} (${error.message})` };
    }
  });

  // The innermost of `elements`: one that contains another is a wrapper, not a second match.
  function innermost(elements, rejected) {
    return elements.filter((e) => {
      const inner = elements.find((o) => o !== e && e.contains(o));
      if (inner) rejected.add(e, `wraps the match ${describe(inner)}`);
      return !inner;
    });
  }

  // Of `elements`, the one usable element, an ambiguity, or nothing; rejections go to `rejected`.
  function pick(elements, use, rejected) {
    const usable = [];
    for (const e of innermost(elements, rejected)) {
      const reason = unusable(e, use);
      if (reason) rejected.add(e, reason);
      else usable.push(e);
    }
    if (usable.length > 1) {
      for (const e of usable) rejected.add(e, 'ambiguous');
      return { ambiguous: usable.length };
    }
    return { element: usable[0] };
  }

  function locate(name) {
    const out = { name, found: false, by: '', rule: '', text: '', value: null, x: 0, y: 0, problem: '', rejected: [], rejected_count: 0 };
    const rule = table.controls[name];
    if (!rule) {
      out.problem = 'not in the locator table';
      return out;
    }
    const rejected = new Rejections();
    const finish = (problem) => {
      out.problem = problem;
      out.rejected_count = rejected.list.length;
      out.rejected = rejected.list.slice(0, maxRejected);
      return out;
    };
    const found = (e, by, ruleText) => {
      const r = e.getBoundingClientRect();
      Object.assign(out, { found: true, by, rule: ruleText, text: textOf(e), x: r.left + r.width / 2, y: r.top + r.height / 2 });
      if ('value' in e && e.tagName !== 'BUTTON') out.value = String(e.value);
      return finish('');
    };

    if (rule.texts.length) {
      const kinds = select(rule.kinds.join(', '));
      if (kinds.error) return finish(kinds.error + ' in kinds');
      const matched = new Map();
      for (const e of kinds.elements) {
        const p = rule.texts.find((t) => matches(t, normalise(textOf(e))));
        if (p) matched.set(e, p);
      }
      const chosen = pick([...matched.keys()], rule.use, rejected);
      if (chosen.ambiguous) return finish(`ambiguous: ${chosen.ambiguous} usable elements match the texts`);
      if (chosen.element) {
        const p = matched.get(chosen.element);
        return found(chosen.element, 'text', `${p.text} (${p.match})`);
      }
    }
    for (const selector of rule.css) {
      const s = select(selector);
      if (s.error) return finish(s.error);
      const chosen = pick(s.elements, rule.use, rejected);
      if (chosen.ambiguous) return finish(`ambiguous: ${chosen.ambiguous} usable elements match ${selector}`);
      if (chosen.element) return found(chosen.element, 'css', selector);
    }
    if (rejected.list.some((r) => r.reason === 'disabled')) return finish('disabled');
    return finish('missing');
  }

  return { viewport: { width: innerWidth, height: innerHeight }, controls: names.map(locate) };
})
