// An invented cast of about 60 market participants across the participant roles, with 4-character
// MPIDs. The names are made up from syllables so as not to name any real company.
import type { Participant } from "../../src/domain/model";
import { Random } from "./prng";

const NAME_STARTS = ["Al", "Bri", "Cor", "Dun", "El", "Fen", "Gal", "Har", "Ild", "Jas", "Kel", "Lun", "Mor", "Nyr", "Ost", "Pel", "Quen", "Ros", "Sil", "Tor", "Ulv", "Vey", "Wyn", "Yar", "Zel"];
const NAME_ENDS = ["wick", "mere", "ford", "vale", "holt", "stead", "combe", "thorpe", "brook", "ridge"];
const SECTOR_BY_ROLE: Record<string, string[]> = {
  SUP: ["Energy", "Power", "Energy Supply", "Electric"],
  LDSO: ["Networks", "Distribution", "Power Networks"],
  SDS: ["Smart Data", "Data Services"],
  ADS: ["Advanced Data", "Metering Data"],
  MS: ["Metering", "Meter Services"],
  UMSDS: ["Unmetered Data"],
  UMSO: ["Street Lighting Services", "Unmetered Services"],
  MA: ["Meter Administration"],
};

/** Role sets and how many participants hold each (60 in all at scale 1). */
const ROLE_MIX: readonly (readonly [readonly string[], number])[] = [
  [["SUP"], 20],
  [["SUP", "MS"], 2],
  [["LDSO", "REGS"], 6],
  [["LDSO", "REGS", "UMSO"], 2],
  [["SDS"], 5],
  [["SDS", "ADS"], 2],
  [["ADS"], 4],
  [["ADS", "MS"], 3],
  [["MS"], 8],
  [["UMSDS"], 3],
  [["UMSO"], 3],
  [["MA"], 2],
];

export function generateParticipants(random: Random): Participant[] {
  const usedNames = new Set<string>();
  const usedMpids = new Set<string>();
  const participants: Participant[] = [];
  for (const [roles, count] of ROLE_MIX) {
    for (let i = 0; i < count; i++) {
      let base: string;
      do base = random.pick(NAME_STARTS) + random.pick(NAME_ENDS);
      while (usedNames.has(base));
      usedNames.add(base);
      const organisation = `${base} ${random.pick(SECTOR_BY_ROLE[roles[0]] ?? ["Services"])}`;
      let mpid: string;
      do mpid = (base.slice(0, 3) + String.fromCharCode(65 + random.int(0, 25))).toUpperCase();
      while (usedMpids.has(mpid));
      usedMpids.add(mpid);
      const participant: Participant = {
        mpid,
        organisation,
        roles: [...roles],
        path: random.chance(0.25) ? "SIT" : "QT",
        reliance: random.weighted([["none", 70], ["partial", 20], ["combined", 10]] as const),
      };
      if (roles.includes("SDS")) participant.mdrChoice = random.chance(0.6) ? "MDR" : "SupplierDCC";
      participants.push(participant);
    }
  }
  // Placing reliance: a party relies on another holding one of its roles.
  for (const participant of participants) {
    if (participant.reliance === "none") continue;
    const candidates = participants.filter((p) => p !== participant && p.roles.some((r) => participant.roles.includes(r)));
    if (candidates.length === 0) participant.reliance = "none";
    else participant.reliesOn = [random.pick(candidates).mpid];
  }
  return participants;
}
