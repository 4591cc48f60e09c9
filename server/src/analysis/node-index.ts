import { ts } from "../typescript";

/**
 * The nodes under an analysis root, in document order, gathered in one walk and shared by every rule: eleven rules
 * each walking the whole tree to find their calls, statements or loops cost more than some rules' checker questions.
 */
export class NodeIndex {
  private all: ts.Node[] | undefined;
  private readonly byKinds = new Map<string, readonly ts.Node[]>();

  constructor(private readonly root: ts.Node) {}

  /** The nodes of these kinds, the root included, in document (pre-)order. */
  of(kinds: readonly ts.SyntaxKind[]): readonly ts.Node[] {
    const key = kinds.join(",");
    let nodes = this.byKinds.get(key);
    if (!nodes) {
      const wanted = new Set(kinds);
      nodes = this.everything().filter((node) => wanted.has(node.kind));
      this.byKinds.set(key, nodes);
    }
    return nodes;
  }

  private everything(): ts.Node[] {
    if (this.all) return this.all;
    const all: ts.Node[] = [];
    const visit = (node: ts.Node): void => {
      all.push(node);
      ts.forEachChild(node, visit);
    };
    visit(this.root);
    return (this.all = all);
  }
}
