/**
 * Given names that people use for one another: a formal name with its short forms and pet
 * names, per language of the product's users (English, German, French, Spanish, Italian, Dutch).
 * Written folded (lower case, no accents), as detection compares names. A short form may belong
 * to several formal names ("chris": Christopher, Christian, Christine); two names are equivalent
 * when they share any group.
 */
// prettier-ignore
const GROUPS: readonly string[] = [
  // English
  'robert rob bob bobby robbie bert', 'william will bill billy willy liam', 'elizabeth liz lizzie beth betty bess eliza libby lisa elisabeth',
  'margaret maggie meg peggy marge madge greta', 'richard rick ricky dick rich', 'james jim jimmy jamie', 'john johnny jack jon',
  'jonathan jon jonny', 'michael mike mick mickey', 'thomas tom tommy', 'joseph joe joey', 'charles charlie chuck chas',
  'edward ed eddie ted teddy ned', 'henry harry hank hal', 'anthony tony', 'christopher chris kit topher', 'christine chris chrissie tina',
  'christian chris', 'daniel dan danny', 'david dave davy', 'matthew matt', 'andrew andy drew', 'nicholas nick nicky', 'samuel sam sammy',
  'benjamin ben benny', 'alexander alex alec sandy xander', 'alexandra alex sandra sandy lexi', 'patrick pat paddy', 'patricia pat patty trish tricia',
  'catherine kate katie cathy kitty kathy', 'katherine kate katie kathy kat', 'jennifer jen jenny', 'jessica jess jessie', 'rebecca becky becca',
  'deborah deb debbie', 'susan sue susie', 'barbara barb babs', 'dorothy dot dottie', 'frances fran frankie', 'francis frank frankie',
  'frederick fred freddie', 'gregory greg', 'lawrence larry laurie', 'leonard len lenny leo', 'peter pete', 'philip phil pip',
  'ronald ron ronnie', 'donald don donnie', 'stephen steve stevie', 'steven steve stevie', 'timothy tim timmy', 'victoria vicky tori',
  'abigail abby gail', 'alfred alfie alf', 'oliver olly ollie', 'amelia millie amy', 'emily emmy em', 'isabella bella izzy isabel',
  'josephine jo josie', 'mary molly polly mae', 'sarah sally sadie', 'theodore theo ted', 'zachary zach zack', 'callum cal',
  'ashley ash', 'madison maddie', 'dafydd dai dave', 'siobhan shiv',
  // German
  'johannes hans johann jo hannes', 'josef joseph sepp seppl', 'elisabeth lisa liesel sissi else elsbeth', 'ursula uschi ulla',
  'katharina kathi katja kathrin', 'wolfgang wolf', 'friedrich fritz', 'heinrich heinz heiner', 'karl karlheinz kalle', 'jurgen jupp',
  'gunther gunter', 'margarete grete gretel', 'barbara barbel', 'gabriele gabi', 'christina tina christine', 'maximilian max maxi',
  'lukas luke', 'alexander sascha alex', 'susanne susi sanne', 'bjorn bjoern',
  // French
  'francois franck francis', 'francoise fanny', 'frederic fred', 'guillaume guy',
  'helene lena', 'emile milo', 'theo theophile', 'nathalie nath', 'isabelle isa babette',
  'jacqueline jacky', 'dominique dom', 'stephane steph', 'benoit ben', 'jerome jerry',
  // Spanish
  'jose pepe pepito chepe', 'francisco paco pancho curro fran', 'dolores lola loli', 'concepcion concha conchi', 'ignacio nacho',
  'manuel manolo manu', 'antonio toni tono', 'jesus chucho chus', 'guadalupe lupe', 'enrique quique kike', 'rosario charo',
  'mercedes merche', 'alejandro alex ale', 'javier javi', 'carmen carmela mamen',
  'montserrat montse', 'eduardo edu lalo', 'roberto beto', 'alberto beto', 'inigo inaki', 'jordi jorge', 'alex alejandro alexandre',
  // Italian
  'giuseppe beppe peppe pino', 'giovanni gianni nanni vanni', 'luigi gigi gino', 'alessandro sandro ale', 'francesco franco checco cesco',
  'salvatore toto turi', 'vincenzo enzo vince', 'domenico mimmo', 'antonella anto nella', 'margherita rita', 'elisabetta betta',
  // Dutch
  'cornelis kees', 'pieter piet', 'hendrik henk', 'johannes jan joop hans', 'jacobus koos jaap', 'geertruida truus', 'wilhelmina willemijn mien',
  'willem wim', 'maria mieke marieke ria', 'adrianus arie adri', 'gerardus gerard gert', 'johanna anneke jo hanneke',
];

const GROUPS_OF = (() => {
  const map = new Map<string, number[]>();
  GROUPS.forEach((group, g) => {
    for (const name of group.split(' ')) map.set(name, [...(map.get(name) ?? []), g]);
  });
  return map;
})();

/** True when the two folded given names are different written forms of one name. */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return false;
  const groupsOfA = GROUPS_OF.get(a);
  const groupsOfB = GROUPS_OF.get(b);
  if (!groupsOfA || !groupsOfB) return false;
  return groupsOfA.some((g) => groupsOfB.includes(g));
}

/** Formal names of the table with one of their short forms, for the synthetic data. */
export function nicknameOf(formal: string): string | null {
  const group = GROUPS.find((g) => g.split(' ')[0] === formal);
  return group?.split(' ')[1] ?? null;
}
