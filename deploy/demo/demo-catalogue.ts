/**
 * A deterministic, realistic demo catalogue: programmes across ITV's channels, their episodes,
 * guidance on a share of them, and licences per platform with windows in the past, present and
 * future relative to `today`. Episode 123456 is the Downton Abbey example of DESIGN.md.
 */
export interface DemoProgramme {
  programmeId: number;
  title: string;
  channel: string;
  synopsis: string;
}
export interface DemoEpisode {
  episodeId: number;
  programmeId: number;
  title: string;
  synopsis: string;
  seriesNumber: number;
  orderInSeries: number;
  orderInProgramme: number;
  durationSeconds: number;
}
export interface DemoGuidance {
  episodeId: number;
  restricted: boolean;
  message: string | null;
}
export interface DemoLicence {
  episodeId: number;
  platform: string;
  startDate: string;
  endDate: string;
}
export interface DemoCatalogue {
  programmes: DemoProgramme[];
  episodes: DemoEpisode[];
  guidance: DemoGuidance[];
  licences: DemoLicence[];
}

export const DOWNTON_SYNOPSIS =
  'Maggie Smith, Hugh Bonneville and Elizabeth McGovern star in a glittering period drama following the lives of the aristocratic Crawley family on their estate, Downton.';

const PROGRAMMES: [string, string, string][] = [
  ['Downton Abbey', 'ITV', 'Period drama at a grand country house in the years after 1912.'],
  ['Coronation Street', 'ITV', 'Life on the cobbles of Weatherfield.'],
  ['Emmerdale', 'ITV', 'Drama in a Yorkshire Dales village.'],
  ['Vera', 'ITV', 'DCI Vera Stanhope investigates in Northumberland.'],
  ['Broadchurch', 'ITV', "A boy's death tears a seaside town apart."],
  ['Doc Martin', 'ITV', 'A brusque surgeon becomes a Cornish village GP.'],
  ['Endeavour', 'ITV', 'The early cases of a young Morse in 1960s Oxford.'],
  ['Unforgotten', 'ITV', 'Detectives reopen cold cases decades on.'],
  ['Grantchester', 'ITV', 'A vicar and a detective solve crimes in a Cambridgeshire village.'],
  ['Victoria', 'ITV', 'The early reign of Queen Victoria.'],
  ['Mr Selfridge', 'ITV', 'The showman behind a London department store.'],
  ['Midsomer Murders', 'ITV', 'Murder in the picturesque villages of Midsomer.'],
  ["Agatha Christie's Poirot", 'ITV3', 'The Belgian detective and his little grey cells.'],
  ['Lewis', 'ITV3', 'Inspector Lewis solves crimes among the spires of Oxford.'],
  ['Heartbeat', 'ITV3', 'A 1960s policeman in a North Yorkshire village.'],
  ['Foyle’s War', 'ITV3', 'A detective on the south coast during the Second World War.'],
  ['Cold Feet', 'ITV', 'Three couples in Manchester, in and out of love.'],
  ['The Chase', 'ITV', 'Contestants take on the Chaser for a cash prize.'],
  ["Britain's Got Talent", 'ITV', 'Acts of every kind perform for the judges.'],
  ['Love Island', 'ITV2', 'Singles in a villa look for love.'],
  ["I'm a Celebrity... Get Me Out of Here!", 'ITV', 'Celebrities camp in the jungle.'],
  ['Loose Women', 'ITV', 'Lunchtime talk from a panel of women.'],
  ['Family Fortunes', 'ITV', 'Families guess what a hundred people said.'],
  ['The Masked Singer', 'ITV', 'Celebrities sing in disguise.'],
  ['Dancing on Ice', 'ITV', 'Celebrities learn to skate with professionals.'],
  ['Hell’s Kitchen', 'ITV2', 'Chefs compete in a pressure-cooker kitchen.'],
  ['Celebrity Juice', 'ITV2', 'A comedy panel show.'],
  ['Family Guy', 'ITV2', 'The animated misadventures of the Griffins.'],
  ['American Dad!', 'ITV2', 'A CIA agent and his very odd family.'],
  ['The Only Way Is Essex', 'ITVBe', 'Real lives in Essex.'],
  ['Real Housewives of Cheshire', 'ITVBe', 'Lives of Cheshire’s glamorous set.'],
  ['Dinner Date', 'ITVBe', 'Three dinners, one date.'],
  ['Sewing Bee Stories', 'ITVBe', 'Makers share their craft.'],
  ['The Zoo', 'CITV', 'The animals of the zoo have a lot to say.'],
  ['Scooby-Doo! Mystery Incorporated', 'CITV', 'Mystery-solving teens and their dog.'],
  ['Thunderbirds Are Go', 'CITV', 'International Rescue saves the day.'],
  ['Mr Bean: The Animated Series', 'CITV', 'Mr Bean gets into scrapes.'],
  ['Dino Ranch', 'CITV', 'Cowboys who ride dinosaurs.'],
  ['999: What’s Your Emergency?', 'ITV4', 'Behind the scenes with the emergency services.'],
  ['24 Hours in Police Custody', 'ITV4', 'Inside a police station, around the clock.'],
  ['The Professionals', 'ITV4', 'Bodie and Doyle fight crime in 1970s London.'],
  ['Minder', 'ITV4', 'A bodyguard and a wheeler-dealer in London.'],
  ['The Saint', 'ITV4', 'Simon Templar, adventurer.'],
  ['Storage Hunters', 'ITV4', 'Bidders gamble on locked storage units.'],
  ['British Touring Cars', 'ITV4', 'Touring-car racing, round by round.'],
  ['Darts: World Matchplay', 'ITV4', 'The best players at the oche.'],
  ['Émile’s French Kitchen', 'ITV', 'A chef cooks the classics of French home cooking.'],
  ['Øresund Nights', 'ITV3', 'A Scandinavian crime drama across a bridge.'],
  ['Beowulf: Return to the Shieldlands', 'ITV', 'A warrior returns to a land in turmoil.'],
  ['Jekyll and Hyde', 'ITV', 'The grandson of Dr Jekyll discovers his dark side.'],
  ['Marcella', 'ITV', 'A detective returns to the force to catch a killer.'],
  ['Liar', 'ITV', 'Two people, two sides of the story.'],
  ['Quiz', 'ITV', 'The story of a coughing scandal on a quiz show.'],
  ['Stonehouse', 'ITV', 'The minister who faked his own death.'],
  ['Mr Bates vs The Post Office', 'ITV', 'Sub-postmasters fight for justice.'],
];

/** A small seeded PRNG (mulberry32), so the demo is the same on every machine. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};

const DAY = 86_400_000;
const iso = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');
const MESSAGES = [
  'Contains Strong Language',
  'Contains Violence',
  'Contains Flashing Images',
  'Contains Scenes of a Sexual Nature',
  'Contains Drug Use',
];

export const demoCatalogue = (today: Date, platforms: readonly string[] = ['ios', 'android', 'samsung', 'web']): DemoCatalogue => {
  const next = random(20130104);
  const now = today.getTime();
  const catalogue: DemoCatalogue = { programmes: [], episodes: [], guidance: [], licences: [] };
  PROGRAMMES.forEach(([title, channel, synopsis], p) => {
    const programmeId = 1001 + p;
    catalogue.programmes.push({ programmeId, title, channel, synopsis });
    const series = 1 + Math.floor(next() * 3);
    let order = 0;
    for (let s = 1; s <= series; s += 1) {
      for (let e = 1; e <= 6; e += 1) {
        order += 1;
        const episodeId = p === 0 && s === 1 && e === 1 ? 123456 : 200000 + p * 100 + order;
        catalogue.episodes.push({
          episodeId,
          programmeId,
          title: episodeId === 123456 ? 'Series 3, Episode 2' : `Series ${s}, Episode ${e}`,
          synopsis: episodeId === 123456 ? DOWNTON_SYNOPSIS : `${synopsis} Series ${s}, episode ${e}.`,
          seriesNumber: episodeId === 123456 ? 3 : s,
          orderInSeries: episodeId === 123456 ? 2 : e,
          orderInProgramme: episodeId === 123456 ? 23 : order,
          durationSeconds: (channel === 'CITV' ? 11 : 44 + Math.floor(next() * 3) * 8) * 60,
        });
        if (episodeId === 123456) catalogue.guidance.push({ episodeId, restricted: true, message: 'Contains Strong Language' });
        else if (next() < 0.3) {
          const restricted = next() < 0.7;
          catalogue.guidance.push({ episodeId, restricted, message: restricted ? MESSAGES[Math.floor(next() * MESSAGES.length)]! : null });
        }
        for (const platform of platforms) {
          if (episodeId === 123456) continue;
          const roll = next();
          if (roll < 0.15) continue;
          const start =
            roll < 0.3 ? now - (60 + next() * 300) * DAY : roll < 0.85 ? now - next() * 60 * DAY : now + (1 + next() * 30) * DAY;
          const end = roll < 0.3 ? start + (7 + next() * 30) * DAY : Math.max(start, now) + (7 + next() * 90) * DAY;
          catalogue.licences.push({ episodeId, platform, startDate: iso(start), endDate: iso(end) });
        }
      }
    }
  });
  catalogue.licences.push({ episodeId: 123456, platform: 'samsung', startDate: '2013-01-04T19:30:00Z', endDate: '2013-01-11T19:30:00Z' });
  for (const platform of platforms)
    catalogue.licences.push({ episodeId: 123456, platform, startDate: iso(now - 3 * DAY), endDate: iso(now + 90 * DAY) });
  return catalogue;
};
