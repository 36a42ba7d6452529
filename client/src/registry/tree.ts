// The Models view: registered models, their versions (newest first) with aliases, stage, status and
// creation time, and under each version its source, run, tags. What the store cannot read shows
// as an error node with the reason. It reads the store again when the hub says it changed.
import * as vscode from 'vscode';
import type { ModelVersion, RegisteredModel, RegistryProblem } from '../../../protocol';
import { matchesFilter, modelDescription, problemText, versionContext, versionDescription, versionDetails, versionLabel, versionTooltip, type DetailRow } from './format';
import type { RegistryHub } from './hub';

export interface ModelNode {
  readonly type: 'model';
  readonly model: RegisteredModel;
}
export interface VersionNode {
  readonly type: 'version';
  readonly version: ModelVersion;
}
export interface DetailNode {
  readonly type: 'detail';
  readonly version: ModelVersion;
  readonly row: DetailRow;
}
export interface ProblemNode {
  readonly type: 'problem';
  readonly problem: RegistryProblem;
}
export type RegistryNode = ModelNode | VersionNode | DetailNode | ProblemNode;

export class RegistryTree implements vscode.TreeDataProvider<RegistryNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RegistryNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;
  private filterText = '';
  view: vscode.TreeView<RegistryNode> | undefined;

  constructor(private readonly hub: RegistryHub) {
    this.subscription = hub.onDidChange(() => {
      this.refresh();
    });
  }

  get filter(): string {
    return this.filterText;
  }

  set filter(text: string) {
    this.filterText = text.trim();
    if (this.view !== undefined) this.view.description = this.filterText === '' ? '' : `filter: ${this.filterText}`;
    void vscode.commands.executeCommand('setContext', 'mlops.models.filtered', this.filterText !== '');
    this.refresh();
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  getTreeItem(node: RegistryNode): vscode.TreeItem {
    switch (node.type) {
      case 'model': {
        const item = new vscode.TreeItem(node.model.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `model:${node.model.name}`;
        item.description = modelDescription(node.model);
        item.tooltip = node.model.description === '' ? node.model.name : `${node.model.name}\n\n${node.model.description}`;
        item.iconPath = new vscode.ThemeIcon('package');
        item.contextValue = 'model';
        return item;
      }
      case 'version': {
        const v = node.version;
        const item = new vscode.TreeItem(versionLabel(v), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `version:${v.name}:${v.version}`;
        item.description = versionDescription(v);
        item.tooltip = new vscode.MarkdownString(versionTooltip(v));
        item.iconPath = new vscode.ThemeIcon(v.aliases.length > 0 ? 'star-full' : v.status === 'READY' ? 'versions' : 'warning');
        item.contextValue = versionContext(v);
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.row.label, vscode.TreeItemCollapsibleState.None);
        item.id = `detail:${node.version.name}:${node.version.version}:${node.row.key}`;
        item.description = node.row.value;
        item.tooltip = `${node.row.label}: ${node.row.value}`;
        item.contextValue = node.row.key.startsWith('tag:') ? 'detail tag' : 'detail';
        return item;
      }
      case 'problem': {
        const { label, description } = problemText(node.problem);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.description = description;
        item.tooltip = `${node.problem.where}\n\n${node.problem.reason}`;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.contextValue = 'problem';
        if (node.problem.where.startsWith('/')) item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(node.problem.where)] };
        return item;
      }
    }
  }

  async getChildren(node?: RegistryNode): Promise<RegistryNode[]> {
    try {
      const nodes = await this.children(node);
      if (this.view !== undefined && node === undefined) this.view.message = '';
      return nodes;
    } catch (e) {
      if (this.view !== undefined) this.view.message = (e as Error).message;
      return [];
    }
  }

  private async children(node?: RegistryNode): Promise<RegistryNode[]> {
    if (node === undefined) return this.roots();
    if (node.type === 'model') {
      const listing = await (await this.hub.registry()).listVersions(node.model.name);
      return [
        ...listing.problems.map((problem): ProblemNode => ({ type: 'problem', problem })),
        ...listing.items.map((version): VersionNode => ({ type: 'version', version })),
      ];
    }
    if (node.type === 'version') return versionDetails(node.version).map((row): DetailNode => ({ type: 'detail', version: node.version, row }));
    return [];
  }

  private async roots(): Promise<RegistryNode[]> {
    const listing = await (await this.hub.registry()).listModels();
    const models = listing.items.filter((m) => matchesFilter(m, this.filterText));
    void vscode.commands.executeCommand('setContext', 'mlops.models.empty', listing.items.length === 0 && listing.problems.length === 0);
    return [
      ...listing.problems.map((problem): ProblemNode => ({ type: 'problem', problem })),
      ...models.map((model): ModelNode => ({ type: 'model', model })),
    ];
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
