// MASH referral packs, child-protection file transfers and chronology exports (filled in by the exports feature).
export const exportCommands = {};
