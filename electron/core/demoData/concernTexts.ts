// Short, factual concern texts in the way staff are trained to write them: what was seen or heard, the child's
// own words, what was done. Built from templates so a demo store reads like a real one without real people in it.
import type { Random } from './random';

export interface ConcernTemplate {
  whatHappened: readonly string[];
  childWords: readonly string[];
}

/** {name} the child, {adult} someone at home, {friend} another child, {mark} {bodyPart} an injury, {day} a weekday. */
export const templatesByCategory: Readonly<Record<string, ConcernTemplate>> = {
  'physical-abuse': {
    whatHappened: [
      'I noticed a {mark} on {name}’s {bodyPart} when {name} was changing for PE. {name} pulled their sleeve down when I looked.',
      '{name} arrived with a {mark} on their {bodyPart}. When I asked what happened, {name} said {adult} had grabbed them.',
      '{name} flinched when I raised my arm to point at the board. Later I saw a {mark} on their {bodyPart}.',
      '{name} told me at the end of the lesson that {adult} hits them when they are angry. I saw a {mark} on their {bodyPart}.',
    ],
    childWords: ['{adult} did it because I was too loud.', 'It was {adult}. Please don’t tell them I said.', 'I fell over. I don’t want to talk about it.', 'It hurts when I sit down.'],
  },
  'emotional-abuse': {
    whatHappened: [
      '{name} said {adult} shouts at them every night and calls them stupid. {name} was tearful and quiet all morning.',
      '{name} would not take their reading record home because {adult} would be angry about a low mark.',
      'At pick-up I heard {adult} tell {name} that nobody wanted them. {name} looked at the floor and did not reply.',
    ],
    childWords: ['{adult} says I ruin everything.', 'I’m not allowed to talk at tea time.', 'Nobody at home likes me.'],
  },
  'sexual-abuse': {
    whatHappened: [
      '{name} made a drawing during free time that showed sexual activity well beyond what I would expect for their age.',
      '{name} told me an older cousin makes them keep secrets and touches them when they stay over.',
      '{name} used sexualised language in the playground and said they had “seen it on {adult}’s phone”.',
    ],
    childWords: ['It’s a secret game, I’m not allowed to say.', 'He said I would get in trouble if I told.', 'I don’t want to go there at the weekend.'],
  },
  neglect: {
    whatHappened: [
      '{name} came to school in the same clothes for the third day running; they smelt strongly of urine.',
      '{name} asked for a second breakfast and put food from lunch in their bag. {name} said there was nothing to eat at home.',
      '{name} has had toothache for two weeks and says nobody has booked a dentist.',
      '{name} was not collected at the end of the day. {adult} arrived at 17:40 and appeared to be under the influence.',
      '{name} arrived without a coat in freezing weather and had holes in both shoes.',
    ],
    childWords: ['There’s no food in the fridge.', 'I make my own tea.', 'My little brother was crying all night so I didn’t sleep.', '{adult} was asleep when I left.'],
  },
  'child-on-child': {
    whatHappened: [
      '{friend} pushed {name} against the wall in the corridor and took their phone. Two other pupils were filming.',
      '{name} told me {friend} has been sending them nasty messages every evening for a week.',
      'At lunch {name} was surrounded by a group who were calling them names about their family.',
      '{name} said {friend} touched them inappropriately in the line for the bus.',
    ],
    childWords: ['They said if I tell, it’ll be worse.', 'Everyone laughs when {friend} does it.', 'I don’t want to come to school any more.'],
  },
  'online-safety': {
    whatHappened: [
      '{name} said someone they met on a game has asked them to send photos and to keep it a secret.',
      '{name} showed me messages from an adult asking to meet after school.',
      'A nude image of {name} is being shared in a year group chat, according to {friend}.',
      '{name} said they stay up gaming online until 3am with people they do not know.',
    ],
    childWords: ['He said he was fifteen.', 'I only sent one picture.', 'Please don’t tell {adult}, they’ll take my phone.'],
  },
  'mental-health': {
    whatHappened: [
      '{name} has been withdrawn for two weeks, eating alone and not taking part in lessons. Today {name} cried in the lesson.',
      '{name} had a panic attack before the assessment and said they cannot cope with anything at the moment.',
      '{name} told me they feel empty all the time and cannot sleep.',
    ],
    childWords: ['I just feel sad all the time.', 'I can’t stop worrying.', 'What’s the point of anything?'],
  },
  'self-harm': {
    whatHappened: [
      'I saw fresh cuts on {name}’s forearm during science. {name} said they did it last night.',
      '{name} wrote in their English book that they want to die.',
      '{friend} told me {name} has been cutting and posted about it online.',
    ],
    childWords: ['It helps me feel something.', 'I don’t want to be here any more.', 'Please don’t ring home.'],
  },
  'domestic-abuse': {
    whatHappened: [
      '{name} told me the police came to the house last night because {adult} was hitting Mum.',
      'Operation Encompass notification: police attended a domestic incident at {name}’s home; {name} was present.',
      '{name} said they hid in the bathroom with their sister while the adults were shouting and something was broken.',
    ],
    childWords: ['I heard Mum screaming.', 'I had to look after my sister while they were fighting.', 'He said he’d kill her.'],
  },
  cse: {
    whatHappened: [
      '{name} has a new phone and expensive trainers and is picked up after school by an older man in a car.',
      '{name} has been missing from home twice this month and says they stay with a “boyfriend” who is 22.',
    ],
    childWords: ['He’s my boyfriend, he looks after me.', 'I can look after myself.'],
  },
  cce: {
    whatHappened: [
      '{name} was seen with large amounts of cash and two phones. {name} has missed school on three Mondays.',
      '{name} said they have to “do jobs” for some older boys and travel to other towns.',
      '{name} arrived with an unexplained injury and said they owed someone money.',
    ],
    childWords: ['If I don’t go they’ll hurt my family.', 'I’m just doing a favour for a mate.'],
  },
  radicalisation: {
    whatHappened: [
      '{name} has been sharing extremist videos with other pupils and said some groups “deserve” to be attacked.',
      '{name} drew symbols linked to an extreme right-wing group on their planner and talked about joining.',
    ],
    childWords: ['They’re the only ones telling the truth.', 'You’ll see what happens.'],
  },
  fgm: {
    whatHappened: [
      '{name} told me she is going abroad for a long holiday “to become a woman” and that there will be a special ceremony.',
      '{name} has been walking with difficulty since returning from a trip abroad and asked to be excused from PE.',
    ],
    childWords: ['My auntie says it will make me a proper woman.', 'It hurts when I go to the toilet.'],
  },
  'honour-based-abuse': {
    whatHappened: [
      '{name} said her brothers follow her to school and that she will be punished if she is seen talking to boys.',
      '{name} said her family have taken her phone because she “shamed” them.',
    ],
    childWords: ['They’ll say I brought shame on them.', 'I’m not allowed to go out.'],
  },
  'forced-marriage': {
    whatHappened: [
      '{name} said she is being taken abroad in the summer to meet the man she is going to marry.',
      '{name} asked me whether she can refuse to get married if her parents have already agreed.',
    ],
    childWords: ['I don’t want to marry him.', 'They’ve already bought the ticket.'],
  },
  missing: {
    whatHappened: [
      '{name} has not been in school for eight days and nobody at home has answered the phone or the door.',
      '{name} ran out of school at lunchtime and was found two hours later in the park.',
      '{adult} told the office that {name} did not come home last night.',
    ],
    childWords: ['I just needed to get away.', 'I stayed at a mate’s house.'],
  },
  'young-carer': {
    whatHappened: [
      '{name} said they look after {adult}, who is unwell, and do the shopping and cooking most days.',
      '{name} is often late because they take their younger siblings to school first.',
    ],
    childWords: ['Mum can’t get out of bed on bad days.', 'I have to give her the tablets.'],
  },
  'private-fostering': {
    whatHappened: [
      '{name} said they have been living with a family friend since the summer while their parents are abroad.',
      'A new adult is collecting {name}; the office learned that {name} has lived with her for two months.',
    ],
    childWords: ['I’m staying with my auntie, she’s not my real auntie.', 'Mum is coming back after Christmas.'],
  },
  attendance: {
    whatHappened: [
      '{name}’s attendance has fallen to 78% this half-term, with absences mostly on Mondays and Fridays.',
      '{name} has been late eleven times this half-term and says they have to wait for {adult} to wake up.',
    ],
    childWords: ['I didn’t feel like coming.', '{adult} said I could stay at home.'],
  },
  other: {
    whatHappened: [
      '{name} said a man they did not know spoke to them at the school gate and offered them sweets.',
      '{name} seemed very tired and fell asleep in the lesson twice this week.',
      '{name} has lost a lot of weight recently and skips lunch.',
    ],
    childWords: ['I’m fine, I’m just tired.', 'I don’t know why.'],
  },
};

export const locations = [
  'Classroom', 'Playground', 'Dining hall', 'Corridor', 'Toilets', 'School gate at pick-up', 'PE changing room', 'Library',
  'Breakfast club', 'After-school club', 'School bus', 'Reception office', 'Sports field', 'Science lab', 'Art room', 'Online (reported in school)',
] as const;

/** Someone at home, as a member of staff writes it and as a child says it. */
const adultsInStaffWords = ['their mum', 'their dad', 'their step-dad', 'their mum’s boyfriend', 'their nan', 'their uncle', 'an older brother', 'their dad’s partner'] as const;
const adultsInChildWords = ['Mum', 'Dad', 'my step-dad', 'Mum’s boyfriend', 'Nan', 'my uncle', 'my big brother', 'Dad’s girlfriend'] as const;
const marks = ['bruise about 3 cm across', 'red mark', 'purple bruise', 'graze', 'burn about the size of a coin', 'cluster of small bruises', 'scratch'] as const;
const bodyParts = ['upper arm', 'cheek', 'neck', 'back', 'wrist', 'thigh', 'ear', 'forehead', 'shin'] as const;
const friends = ['another pupil', 'an older pupil', 'a pupil from another class', 'a group of older pupils'] as const;

export const actionsTaken = [
  'Reassured the child and told them I would pass this on to the DSL. Did not ask leading questions.',
  'Spoke to the DSL at break and wrote this record straight after.',
  'Listened, wrote down the child’s words and told them who I would share it with.',
  'Checked the child was safe to return to class and informed the DSL.',
  'Asked the office to log the late collection and stayed with the child until collected.',
  'Gave the child breakfast from the breakfast club and told the DSL.',
  'Contacted the DSL by phone and kept the child with me until the DSL arrived.',
] as const;

export const othersPresentOptions = ['', '', '', 'Teaching assistant in the room', 'Two other pupils nearby', 'Midday supervisor on duty', 'Class teacher'] as const;

/** Fills a template's slots; `voice` says whose words these are, so "their mum" in a record is "Mum" in a quote. */
export function fillTemplate(template: string, random: Random, childName: string, voice: 'staff' | 'child'): string {
  const filled = template.replace(/\{(name|adult|mark|bodyPart|friend)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'name':
        return childName;
      case 'adult':
        return random.pick(voice === 'staff' ? adultsInStaffWords : adultsInChildWords);
      case 'mark':
        return random.pick(marks);
      case 'bodyPart':
        return random.pick(bodyParts);
      default:
        return random.pick(friends);
    }
  });
  // A slot can open a sentence ("their mum arrived…"), so every sentence is given its capital letter back.
  return filled.replace(/(^|[.!?]\s+)([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
}
