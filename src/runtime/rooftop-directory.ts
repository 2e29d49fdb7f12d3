import type { Rooftop } from "../config/config.js";
import type { RooftopDirectory, RooftopInfo } from "../core/ports/rooftops.js";

/** Rooftops from the configuration, looked up by id or by the number customers text. */
export function createRooftopDirectory(rooftops: Rooftop[]): RooftopDirectory {
  const byId = new Map(rooftops.map((r) => [r.id, r]));
  const byNumber = new Map(rooftops.filter((r) => r.smsNumber).map((r) => [r.smsNumber!, r]));
  return {
    get(id: string): RooftopInfo {
      const rooftop = byId.get(id);
      if (!rooftop) throw new Error(`no rooftop with id ${id}`);
      return rooftop;
    },
    bySmsNumber(number: string): RooftopInfo | undefined {
      return byNumber.get(number);
    },
    all: () => [...rooftops],
  };
}
