// Preloaded with `node --import` (through NODE_OPTIONS, so child Node processes share it) by
// scripts/run-tests.ts for one pass: `Date.now()` and `new Date()` run DW_CLOCK_SHIFT_MS ahead of the
// real clock, so the suite also runs at another hour of the day (and across a day boundary) than the
// one it was started at. Timers are untouched (they use the monotonic clock). No-op without the variable.
const offset = Number(process.env.DW_CLOCK_SHIFT_MS ?? '0');

if (Number.isFinite(offset) && offset !== 0) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string | number | Date]));
    }

    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}

export {};
