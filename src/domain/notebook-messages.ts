// What the notebook facade (src/notebook.ts, src/notebook/) and `questlog notebook` say, as functions tests assert
// against; apart from messages.ts to keep each message module short.
import { formatInt } from './format.js';

const notebookQuestIdsHint =
  'the quest ids are the quest_id column of `ql.stats()` (or ql.rows`SELECT quest_id, name FROM catalogue`)';

export const notebookMessages = {
  chartNeedsBy: "chart 'segments' needs { by: 'build' | 'platform' | 'cohort' | an extra dimension }",
  notANumber: (name: string, raw: string) => `parameter ${name} must be a number, got '${raw}'`,
  notABoolean: (name: string, raw: string) => `parameter ${name} must be true or false, got '${raw}'`,
  notJson: (name: string, raw: string) => `parameter ${name} must be JSON (e.g. null, [1,2], "text"), got '${raw}'`,
  noParametersCell: 'the notebook has no cell tagged "parameters"',
  noParametersCellHint: 'tag the cell that declares its parameters (View > Cell Toolbar > Tags)',
  noParameter: (name: string) => `the notebook has no parameter ${name}`,
  itsParameters: (names: string[]) => `its parameters: ${names.join(', ') || '(none)'}`,
  badTimeout: (raw: string) => `--timeout must be a positive number of seconds, got ${raw}`,
  badParam: (pair: string) => `--param expects key=value, got '${pair}'`,
  noKernel: (kernel: string) => `no Jupyter kernel named ${kernel}`,
  noKernelHint: 'register it with `npm run setup:notebooks`',
  noJupyter: (python: string, reason: string) => `${python} cannot run Jupyter: ${reason}`,
  noJupyterHint: (packages: string) => `install Jupyter (${packages}) or set $QUESTLOG_PYTHON`,
  execFailed: (detail: string) => `notebook execution failed: ${detail}`,
  missing: (notebook: string) => `notebook ${notebook} does not exist`,
  invalidJson: (notebook: string, reason: string) => `${notebook}: not a notebook (invalid JSON: ${reason})`,
  noCells: (notebook: string) => `${notebook}: not a notebook (no cells)`,
  cellFailed: (notebook: string, cell: number, main: string, source: string, detail: string) =>
    `${notebook}: cell ${cell} failed: ${main}\n  cell: ${source}\n${detail}`,
  cellFailedHint: (ipynb: string) => `the executed notebook with the error: ${ipynb}`,
  ran: (notebook: string, cells: number, ms: number, ipynb: string, html: string) =>
    `notebook ${notebook}: ${cells} cells in ${ms} ms -> ${ipynb}, ${html}`,
  noTslab: (python: string) => `tslab install ran but ${python}'s Jupyter does not list a tslab kernel`,
  noTslabHint: (python: string) =>
    `see \`${python} -m jupyter kernelspec list\`; $QUESTLOG_PYTHON (or --python) names the Python whose Jupyter runs notebooks`,
  registered: (python: string, kernels: string[]) =>
    `tslab kernel registered with ${python} (kernels: ${kernels.join(', ')})`,
  duplicateName: (name: string) => `two notebook reports are named ${name}: give each a "name"`,
  noDatabase: (db: string, copy: string) => `no questlog database at ${db} (nor its read copy ${copy})`,
  undefinedValue: (i: number) => `sql: value \${${i}} is undefined`,
  undefinedValueHint: 'pass null for a SQL NULL',
  noQuestHistory: (quest: string) => `no snapshot has quest ${quest}`,
  /** After a quest id no snapshot has: where the ids are. */
  questIdsHint: notebookQuestIdsHint,
  chartNeedsChain: "chart 'chain' needs a chain: chart('chain', { chain: 'Greenvale' })",
  unknownChain: (chain: string, date: string) => `chain ${chain} is not in the catalogue of the snapshot ${date}`,
  itsChains: (chains: string[]) => `its chains: ${chains.join(', ') || '(none: no catalogue quest has a chain)'}`,
  chartNeedsQuest: (kind: string) => `chart '${kind}' needs a quest: chart('${kind}', { quest: 'FET0001' })`,
  /** Where a quest id that is not there went wrong: the ids closest to it, else every id when there are few. */
  questIdsHintFor: (near: readonly string[], ids: readonly string[]) =>
    near.length > 0
      ? `did you mean ${near.join(' or ')}? ${notebookQuestIdsHint}`
      : ids.length > 0 && ids.length <= 30
        ? `its quests: ${ids.join(', ')}`
        : notebookQuestIdsHint,
  noSegmentMet: (quest: string, by: string, date?: string) =>
    `nobody has met quest ${quest}${date ? ` by ${date}` : ''}: no ${by} has a conversion rate to draw`,
  questNotInSnapshot: (quest: string, date?: string) =>
    `quest ${quest} is not in the snapshot${date ? ` of ${date}` : ''}`,
  unknownChart: (kind: string, kinds: readonly string[]) => `unknown chart '${kind}'; one of: ${kinds.join(', ')}`,
  exportFailed: (path: string, reason: string) => `cannot export to ${path}: ${reason}`,
  badLimit: (call: 'chart' | 'stats', raw: string) => `${call} limit must be a positive integer, got ${raw}`,
  chartFirstQuests: (title: string, shown: number, all: number) =>
    `${title}: the first ${shown} of ${all} quests (catalogue order; { limit } for more)`,
  /** The stats table's caption: counts printed as the report and the CLI print them (2,592, not 2592). */
  statsCaption: (date: string, players: number, events: number, through: string | null) =>
    `Snapshot ${date}: ${formatInt(players)} players, ${formatInt(events)} events, data through ${through ?? '-'}`,
  /** An option key a call does not take (tslab's type check misses it outside an object literal). */
  unknownOption: (call: string, key: string, near: readonly string[], known: readonly string[]) =>
    `${call}: unknown option "${key}"${near.length > 0 ? ` (did you mean ${near.join(' or ')}?)` : ''}; ` +
    `its options: ${known.join(', ')}`,
  statsRest: 'ql.snapshot() returns every row; { limit } shows more',
  segmentsRest: 'ql.segments({ by }) returns every row; { limit } shows more',
};
