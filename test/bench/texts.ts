/** What customers text: answered by the local brain, the last one asks for a person (a handoff card). */
export const TEXTS = [
  "Hi, is the 2024 Toyota Tacoma still available?",
  "What time do you open on Saturday?",
  "Can I come in for a test drive tomorrow afternoon?",
  "I need an oil change, when can I bring it in?",
  "Do you have the Honda CR-V in blue?",
  "Hi! Saw your ad, is the Camry still there?",
  "Where are you located?",
  "Can I talk to a real person please",
] as const;
export const HANDOFF_TEXT = "Can I talk to a real person please";
