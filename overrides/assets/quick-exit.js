/*
 * Quick exit ("Exit this page") for the HIPS child exploitation guidance.
 *
 * Behaviour follows the GOV.UK Design System "Exit this page" component;
 * this is an independent implementation with no dependencies.
 *
 * - Clicking any [data-kb-quick-exit-link] hides the page at once, shows a
 *   "Loading." overlay and leaves with location.replace(), so that Back does
 *   not return here.
 * - Pressing Shift 3 times within 5 seconds does the same. A live region
 *   announces the presses left. Any other key, or the 5 seconds running
 *   out, resets the count.
 * - When the page comes back from the back/forward cache, the overlay is
 *   removed and the count reset.
 *
 * Without JavaScript the links are plain links. All text comes from data
 * attributes that the template renders in the page language.
 */
(function () {
  "use strict";

  var PRESSES_TO_EXIT = 3;
  var WINDOW_MS = 5000;
  var ACTIVE_CLASS = "kb-quick-exit--active";

  var root = document.querySelector("[data-kb-quick-exit]");
  if (!root) {
    return;
  }
  var links = document.querySelectorAll("[data-kb-quick-exit-link]");
  var announcer = root.querySelector("[data-kb-quick-exit-announcer]");
  var text = {
    loading: root.getAttribute("data-loading") || "Loading.",
    pressTwo: root.getAttribute("data-press-two") || "",
    pressOne: root.getAttribute("data-press-one") || "",
    timedOut: root.getAttribute("data-timed-out") || ""
  };

  var count = 0;
  var timer = null;
  var shiftModified = false;
  var overlay = null;

  function announce(message) {
    if (announcer) {
      announcer.textContent = message;
    }
  }

  function setCount(value) {
    count = value;
    root.setAttribute("data-count", String(value));
  }

  function resetCount(message) {
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
    setCount(0);
    announce(message || "");
  }

  function exitPage(href) {
    resetCount("");
    // Hide everything at once, then show a neutral overlay.
    document.documentElement.classList.add(ACTIVE_CLASS);
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "kb-quick-exit-overlay";
      overlay.setAttribute("role", "alert");
      overlay.textContent = text.loading;
    }
    document.body.appendChild(overlay);
    // replace() swaps the history entry, so Back does not come back here.
    try {
      window.location.replace(href);
    } catch (err) {
      window.location.href = href;
    }
  }

  function restore() {
    document.documentElement.classList.remove(ACTIVE_CLASS);
    if (overlay && overlay.parentNode) {
      overlay.parentNode.removeChild(overlay);
    }
    shiftModified = false;
    resetCount("");
  }

  function onShiftPress() {
    setCount(count + 1);
    if (count >= PRESSES_TO_EXIT) {
      exitPage(links[0].href);
      return;
    }
    if (count === 1) {
      // The window starts with the first press and is not extended.
      timer = window.setTimeout(function () {
        timer = null;
        resetCount(text.timedOut);
      }, WINDOW_MS);
    }
    announce(count === 1 ? text.pressTwo : text.pressOne);
  }

  function onKeydown(event) {
    if (event.key === "Shift") {
      return;
    }
    // Shift used as a modifier (for a capital letter, say) is not a press.
    if (event.shiftKey) {
      shiftModified = true;
    }
    if (count > 0) {
      resetCount("");
    }
  }

  function onKeyup(event) {
    if (event.key !== "Shift") {
      return;
    }
    if (shiftModified) {
      shiftModified = false;
      return;
    }
    onShiftPress();
  }

  function onClick(event) {
    event.preventDefault();
    exitPage(event.currentTarget.href);
  }

  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", onClick);
  }
  document.addEventListener("keydown", onKeydown, true);
  document.addEventListener("keyup", onKeyup, true);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      restore();
    }
  });
  setCount(0);
})();
