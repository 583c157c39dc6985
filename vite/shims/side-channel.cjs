/**
 * Stands in for `side-channel`, which qs (Refine's URL parsing) uses to detect cycles when it
 * stringifies: a WeakMap for objects and a Map for the rest does the same job without the
 * intrinsics and object-inspect helpers it pulls in (about 10 KB gzipped).
 */
module.exports = function getSideChannel() {
  const objects = new WeakMap();
  const others = new Map();
  const mapFor = (key) => ((typeof key === "object" && key !== null) || typeof key === "function" ? objects : others);
  return {
    assert(key) {
      if (!mapFor(key).has(key)) throw new TypeError("Side channel does not contain the given key");
    },
    delete: (key) => mapFor(key).delete(key),
    get: (key) => mapFor(key).get(key),
    has: (key) => mapFor(key).has(key),
    set(key, value) {
      mapFor(key).set(key, value);
    },
  };
};
