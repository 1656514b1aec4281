// Juju's per-relation cache of remote unit settings (runner/context/cache.go): it outlives hook
// contexts, so a hook reading unit B sees B's data as of B's last -joined/-changed hook here,
// not the live value. A -joined/-changed hook for B drops B's entry; -departed forgets B.
export class RelationCache {
  private readonly members = new Map<number, Map<string, Record<string, string>>>();

  private relation(id: number): Map<string, Record<string, string>> {
    let entries = this.members.get(id);
    if (!entries) {
      entries = new Map();
      this.members.set(id, entries);
    }
    return entries;
  }

  /** The cached settings of a member unit, read through `load` on a miss. */
  memberSettings(relationId: number, unit: string, load: () => Record<string, string>): Record<string, string> {
    const entries = this.relation(relationId);
    let data = entries.get(unit);
    if (data === undefined) {
      data = load();
      entries.set(unit, data);
    }
    return data;
  }

  invalidate(relationId: number, unit: string): void {
    this.members.get(relationId)?.delete(unit);
  }

  forgetRelation(relationId: number): void {
    this.members.delete(relationId);
  }
}
