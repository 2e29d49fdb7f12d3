import { findVehicleMentions } from "../../../core/brain/find-vehicle-mentions.js";

/** Who the customer says they are: a name when stated plainly, an email when written. */
export interface ContactFinding {
  name?: string;
  email?: string;
}

/** Capitalised words that follow "this is", "I'm" or "it's" without being a name. */
const NOT_NAMES = new Set([
  "The",
  "A",
  "An",
  "My",
  "Your",
  "Not",
  "Just",
  "Still",
  "So",
  "Very",
  "Really",
  "Here",
  "There",
  "Outside",
  "Ready",
  "Done",
  "Sorry",
  "Interested",
  "Looking",
  "Calling",
  "Texting",
  "Trying",
  "Going",
  "Coming",
  "Waiting",
  "Good",
  "Fine",
  "Ok",
  "Okay",
  "Sure",
  "Back",
  "Useless",
  "Ridiculous",
  "Harassment",
  "Crazy",
  "Insane",
  "Great",
  "Urgent",
  "Important",
  "Regarding",
  "About",
  "In",
  "On",
  "At",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
  "Today",
  "Tomorrow",
  "Hi",
  "Hey",
  "Hello",
  "Thanks",
  "Thank",
  "Please",
  "Yes",
  "No",
  "It",
  "This",
  "That",
  "Me",
  "Him",
  "Her",
  "Them",
  "Mr",
  "Mrs",
  "Ms",
  "Dr",
  "Gm",
  "Bot",
  "Human",
]);

const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/;
/** "my name is kevin ruiz": the customer said it is a name, so case does not matter. */
const SAID_NAME =
  /\b(?:my name is|name is|name's|me llamo|mi nombre es)\s+(\p{L}[\p{L}'-]+)(?:\s+(\p{L}[\p{L}'-]+))?/iu;
/** "this is Dana", "Hey its Marcus", "I'm Dana", "Soy Lucía": only a capitalised word, then a pause or the end. */
const INTRODUCED =
  /\b(?:[Tt]his is|[Ii]t'?s|[Ii]ts|I'?m|I am|[Ss]oy)\s+(\p{Lu}[\p{Ll}'-]+)(?:\s+(\p{Lu}[\p{Ll}'-]+))?(?=\s*(?:$|[,.!?;:)-]|\s(?:and|from|here|again|with|checking|following|texting|calling|about|re)\b))/u;
/** A signature at the very end: "… thanks - Dana". */
const SIGNED = /(?:^|\s)[-~]\s*(\p{Lu}[\p{Ll}'-]+)\s*$/u;

function title(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1).toLowerCase();
}

function isPlausible(word: string | undefined): word is string {
  return !!word && !NOT_NAMES.has(title(word)) && findVehicleMentions(word).length === 0 && word.length >= 2;
}

function join(first: string, last: string | undefined): string {
  return isPlausible(last) && !/^(?:and|from|here|again|with)$/i.test(last)
    ? `${title(first)} ${title(last)}`
    : title(first);
}

export function extractContact(text: string): ContactFinding {
  const found: ContactFinding = {};
  const email = EMAIL.exec(text);
  if (email) found.email = email[0].toLowerCase();
  const said = SAID_NAME.exec(text);
  if (said && isPlausible(said[1])) found.name = join(said[1], said[2]);
  else {
    const introduced = INTRODUCED.exec(text) ?? SIGNED.exec(text);
    if (introduced && isPlausible(introduced[1])) found.name = join(introduced[1], introduced[2]);
  }
  return found;
}
