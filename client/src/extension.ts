import * as vscode from 'vscode';
import { newCycleFile } from './commands';
import { Ctx } from './ctx';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  ctx = new Ctx(context);
  const c = ctx;
  c.register(vscode.commands.registerCommand('pdsa.newCycle', () => newCycleFile(c)));
  c.register(vscode.commands.registerCommand('pdsa.restartServer', () => c.restart()));
  c.register(vscode.commands.registerCommand('pdsa.showOutput', () => c.output.show()));
  await c.start();
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}
