// The floor replays exactly the statements questlog ran (SQL text and bound values, in order, transactions included),
// recorded by patching questlog's Db wrapper during an untimed run. Whatever questlog's SQL becomes, the floor follows.
import { DuckDBListValue, listValue } from '@duckdb/node-api';

function encode(params) {
  if (params === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => {
      if (v instanceof DuckDBListValue) return [k, { $list: v.items }];
      if (v !== null && typeof v === 'object') throw new Error(`cannot record parameter ${k}: ${v?.constructor?.name}`);
      return [k, v];
    }),
  );
}

export function decode(params) {
  if (params === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      v !== null && typeof v === 'object' && '$list' in v ? listValue(v.$list) : v,
    ]),
  );
}

/** Starts recording every statement run through `Db`; returns the log and a function that stops recording. */
export function record(Db) {
  const log = [];
  const proto = Db.prototype;
  const original = { run: proto.run, all: proto.all, transaction: proto.transaction };
  const wrap = (kind, fn) =>
    async function (sql, params) {
      const entry = { kind, sql, params: encode(params) };
      log.push(entry);
      try {
        return await fn.call(this, sql, params);
      } catch (err) {
        entry.fails = true; // questlog caught or rethrew it; the replay tolerates the same failure
        throw err;
      }
    };
  proto.run = wrap('run', original.run);
  proto.all = wrap('all', original.all);
  proto.transaction = async function (fn) {
    log.push({ kind: 'begin' });
    try {
      const out = await original.transaction.call(this, fn);
      log.push({ kind: 'commit' });
      return out;
    } catch (err) {
      log.push({ kind: 'rollback' });
      throw err;
    }
  };
  return {
    log,
    stop() {
      Object.assign(proto, original);
    },
  };
}
