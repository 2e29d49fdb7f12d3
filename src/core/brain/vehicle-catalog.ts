/**
 * Makes and models of the major US-market brands, with the spellings customers text.
 * Shared by the local brain (to read vehicles) and the guardrails (to spot a reply that
 * offers a vehicle the store does not have). Aliases are lower case, spaces for dashes.
 */
export interface MakeEntry {
  make: string;
  aliases: string[];
  /** Model name → extra spellings. The model's own lower-case name always matches. */
  models: Record<string, string[]>;
}

export const CATALOG: MakeEntry[] = [
  {
    make: "Toyota",
    aliases: ["toyota", "toyta", "toyoda", "toyata", "yota"],
    models: {
      Camry: ["camery", "camrey"], Corolla: ["corola", "corrola"], "Corolla Cross": [], RAV4: ["rav 4", "rav4s", "rav"],
      Highlander: ["highlnder", "hylander", "highlanders"], "Grand Highlander": [], Tacoma: ["tacomas", "taco"],
      Tundra: ["tundras"], "4Runner": ["4 runner", "four runner", "forerunner"], Sienna: [], Prius: [], Sequoia: ["sequia"],
      Venza: [], Supra: [], GR86: ["gr 86"], bZ4X: ["bz4x"], "C-HR": ["chr", "c hr"], "Land Cruiser": ["landcruiser"], "Crown": [],
    },
  },
  {
    make: "Honda",
    aliases: ["honda", "hond"],
    models: {
      Civic: ["civics", "civc"], Accord: ["acord", "accords"], "CR-V": ["crv", "cr v", "crvs"], "HR-V": ["hrv", "hr v"],
      Pilot: [], Odyssey: ["odyssy", "oddysey", "odessey"], Passport: [], Ridgeline: [], Prologue: [], Fit: [],
    },
  },
  {
    make: "Ford",
    aliases: ["ford"],
    models: {
      "F-150": ["f150", "f 150", "f150s"], "F-250": ["f250", "f 250"], "F-350": ["f350", "f 350"], Ranger: [], Maverick: [],
      Explorer: ["exploror", "explorers"], Expedition: [], Bronco: ["broncos"], "Bronco Sport": [], Escape: [], Edge: [],
      Mustang: ["mustangs"], "Mustang Mach-E": ["mach e", "mache", "mach-e", "mach e's"], Transit: [],
    },
  },
  {
    make: "Chevrolet",
    aliases: ["chevrolet", "chevy", "chevey", "chevrolette", "chev"],
    models: {
      Silverado: ["silverdo", "siverado", "silverados"], Tahoe: ["tahoes"], Suburban: [], Equinox: [], Traverse: [],
      Malibu: [], Camaro: [], Corvette: ["vette"], Colorado: [], Blazer: [], Trax: [], Trailblazer: [], Bolt: [],
    },
  },
  { make: "GMC", aliases: ["gmc"], models: { Sierra: [], Yukon: [], Acadia: [], Terrain: [], Canyon: [], Hummer: [] } },
  { make: "Ram", aliases: ["ram", "dodge ram"], models: { "1500": ["ram 1500"], "2500": ["ram 2500"], ProMaster: [] } },
  {
    make: "Jeep",
    aliases: ["jeep", "jeeps"],
    models: {
      Wrangler: ["wrangeler", "wranglers"], "Grand Cherokee": ["grand cherokee l"], Cherokee: [], Compass: [], Gladiator: [],
      Renegade: [], Wagoneer: ["grand wagoneer"],
    },
  },
  { make: "Dodge", aliases: ["dodge"], models: { Charger: [], Challenger: [], Durango: [], Hornet: [] } },
  { make: "Chrysler", aliases: ["chrysler", "chrystler"], models: { Pacifica: [], "300": ["chrysler 300"] } },
  {
    make: "Nissan",
    aliases: ["nissan", "nisan", "nissian"],
    models: {
      Altima: [], Sentra: [], Rogue: ["rouge"], Pathfinder: [], Frontier: [], Titan: [], Murano: [], Kicks: [], Versa: [],
      Armada: [], Leaf: [], Ariya: [],
    },
  },
  {
    make: "Hyundai",
    aliases: ["hyundai", "hyundia", "hundai", "hyndai", "huyndai"],
    models: {
      Elantra: [], Sonata: [], Tucson: ["tuscon"], "Santa Fe": ["santafe"], Palisade: ["pallisade"], Kona: [],
      "Ioniq 5": ["ioniq5", "ionic 5"], "Ioniq 6": ["ioniq6"], "Santa Cruz": [], Venue: [],
    },
  },
  {
    make: "Kia",
    aliases: ["kia"],
    models: {
      Telluride: ["teluride", "tellurid", "tellaride"], Sorento: ["sorrento"], Sportage: [], Soul: [], Forte: [], K5: [],
      Carnival: [], Seltos: [], EV6: ["ev 6"], EV9: ["ev 9"], Niro: [],
    },
  },
  {
    make: "Subaru",
    aliases: ["subaru", "subie", "suburu"],
    models: { Outback: ["outbacks"], Forester: [], Crosstrek: ["cross trek"], Ascent: [], Impreza: [], WRX: [], Legacy: [], BRZ: [] },
  },
  { make: "Mazda", aliases: ["mazda"], models: { "CX-5": ["cx5", "cx 5"], "CX-30": ["cx30", "cx 30"], "CX-50": ["cx50", "cx 50"], "CX-90": ["cx90", "cx 90"], Mazda3: ["mazda 3"], "MX-5 Miata": ["miata", "mx5", "mx 5"] } },
  { make: "Volkswagen", aliases: ["volkswagen", "vw", "volkswagon"], models: { Jetta: [], Passat: [], Tiguan: [], Atlas: [], Golf: [], GTI: [], "ID.4": ["id4", "id 4"], Taos: [] } },
  { make: "Tesla", aliases: ["tesla"], models: { "Model 3": [], "Model Y": [], "Model S": [], "Model X": [], Cybertruck: [] } },
  { make: "Alfa Romeo", aliases: ["alfa romeo", "alfa"], models: { Giulia: [], Stelvio: [], Tonale: [] } },
  { make: "Lexus", aliases: ["lexus"], models: { RX: ["rx350", "rx 350"], NX: [], ES: ["es350"], GX: [], TX: [] } },
  { make: "Acura", aliases: ["acura"], models: { MDX: [], RDX: [], Integra: [], TLX: [] } },
  { make: "BMW", aliases: ["bmw", "beemer"], models: { X3: [], X5: [], "3 Series": ["3 series"], "5 Series": ["5 series"] } },
  { make: "Mercedes-Benz", aliases: ["mercedes", "mercedes benz", "benz"], models: { "C-Class": ["c class"], "GLE": [], "GLC": [] } },
  { make: "Audi", aliases: ["audi"], models: { Q5: [], Q7: [], A4: [] } },
  { make: "Cadillac", aliases: ["cadillac", "caddy"], models: { Escalade: [], XT5: [], Lyriq: [] } },
  { make: "Buick", aliases: ["buick"], models: { Enclave: [], Encore: [], Envision: [] } },
  { make: "Lincoln", aliases: ["lincoln"], models: { Navigator: [], Aviator: [], Nautilus: [], Corsair: [] } },
  { make: "Mitsubishi", aliases: ["mitsubishi"], models: { Outlander: [], "Eclipse Cross": [], Mirage: [] } },
  { make: "Volvo", aliases: ["volvo"], models: { XC90: [], XC60: [], XC40: [] } },
  { make: "Genesis", aliases: ["genesis"], models: { GV70: [], GV80: [], G70: [] } },
];

/**
 * Model names that are also everyday words ("escape", "edge", "pilot"): they count as a model
 * only next to a make, a year, a colour or "my/new/used".
 */
export const AMBIGUOUS_MODELS = new Set([
  "escape", "edge", "pilot", "passport", "ranger", "maverick", "transit", "bolt", "blazer", "acadia", "terrain", "compass",
  "venue", "soul", "forte", "leaf", "legacy", "crown", "kicks", "titan", "ascent", "frontier", "fit", "atlas", "golf",
  "colorado", "sierra", "canyon", "hornet", "charger", "challenger", "rogue", "sonata", "carnival", "mirage", "encore",
  "envision", "navigator", "aviator", "eclipse cross", "1500", "2500", "300", "rx", "nx", "es", "gx", "tx", "x3", "x5",
  "a4", "q5", "q7", "k5", "rav", "taco", "chev", "alfa", "hond", "caddy", "genesis", "model 3", "model y", "model s",
  "model x", "gle", "glc", "mdx", "rdx", "tlx", "g70", "ram", "yota", "hummer", "integra", "trax",
]);
