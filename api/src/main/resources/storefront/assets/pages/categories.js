// The category tree as an id index and as indented <option>s.
export function categoryIndex(tree) {
  const index = new Map();
  const walk = (nodes) => nodes.forEach((c) => {
    index.set(c.id, c);
    walk(c.children || []);
  });
  walk(tree);
  return index;
}

export function categoryOptions(tree) {
  const out = [];
  const walk = (nodes, depth) => nodes.forEach((c) => {
    out.push([c.id, `${'\u2014 '.repeat(depth)}${c.name}`]);
    walk(c.children || [], depth + 1);
  });
  walk(tree, 0);
  return out;
}
