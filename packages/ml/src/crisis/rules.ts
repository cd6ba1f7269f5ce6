/**
 * Explicit crisis signal rules: phrases and patterns a reviewer can read and extend. Each rule matches on the normalised
 * text (see ./text: lower case, contractions expanded), after idioms are masked out; every match is then checked in its
 * clause for negation, another person as the subject, quotation of media, humour markers and a past that the text says
 * is resolved. A suppressed match does not fire, but is reported so the combination can ask the classifier for more
 * confidence ("the crisis words here were explained away").
 */
import { CRISIS_CATEGORIES, type CrisisCategory } from '@studio/core';
import { clauseStart, mask, normalizeForRules, quotedSpans, sentenceSpans, type Span } from './text';

export interface SignalRule {
  id: string;
  category: CrisisCategory;
  /** Evidence strength: at CORE_WEIGHT or above, one unsuppressed match makes the text a crisis on its own. */
  weight: number;
  pattern: RegExp;
  note: string;
  /** Plan, means, timeline, imminence, goodbyes, command hallucinations, intent to harm someone: a human should know. */
  escalate?: boolean;
  /** Means and timelines only escalate a text that is already a crisis; they never make one by themselves. */
  modifier?: boolean;
  /** The pattern carries its own negation ("do not want to live"), so a negation cue does not cancel it. */
  selfNegated?: boolean;
  /** Too concrete to be a figure of speech (a method, a dose, a goodbye note): humour markers do not suppress it. */
  specific?: boolean;
  /** An innocent context anywhere in the text (leaving a job, moving house, a pharmacy shift) that explains the match away. */
  innocent?: RegExp;
  /** A noun form ("suicide", "self-harm") that also appears in work, training and news contexts. */
  noun?: boolean;
}

/** An unsuppressed match of a rule with at least this weight is a crisis by itself. */
export const CORE_WEIGHT = 0.5;
/** Ceiling of a category's rule score when a single weak phrase is all that matched in it. */
const WEAK_CAP = 0.45;

const SELF_BODY = String.raw`(?:myself|my (?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?|body))`;
const PERSON = String.raw`(?:him|her|them|someone|somebody|people|everyone|my (?:boss|wife|husband|mom|mum|mother|dad|father|kids?|son|daughter|baby|partner|boyfriend|girlfriend|ex|roommate|flatmate|coworker|colleague|neighbou?r|brother|sister|teacher|manager|family|stepdad|stepmom)|that (?:guy|man|woman|bitch|bastard|prick))`;
const WANT = String.raw`(?:want|wanted|wants|wish|wished|ready|going|hope|hoping|need|needed|plan|planning|decided|tempted|trying|tried)`;

/** Phrases that use crisis words in a harmless sense; masked before any rule runs. */
const IDIOMS: RegExp[] = [
  /\b(?:die|dying|died|dead) (?:of|from) (?:laughter|laughing|embarrassment|shame|boredom|cringe|curiosity|cuteness|heat|thirst|hunger|jealousy|envy|excitement|suspense)\b/g,
  /\b(?:dying|die) (?:to|for) (?:see|try|know|meet|hear|get|go|have|tell|eat|read|watch|a |an |some|one)\w*/g,
  /\bto die for\b/g,
  /\b(?:is|are|will be|'s) (?:going to|gonna) (?:kill|murder) me\b|\b(?:will|would) (?:kill|murder) me (?:if|when)\b/g,
  /\b(?:is|are|was|were|it's|that's) (?:literally |actually |slowly )?killing me\b/g,
  /\bi am (?:so |literally |actually )dead\b|\bi am dead (?:lol|lmao|haha)\b/g,
  /\b(?:thought|felt like|was sure|was convinced|was certain) (?:that )?i (?:was|were) going to die\b/g,
  /\b(?:would|will|could|might|am going to) (?:literally |actually |just )?die (?:if|when|of|laughing)\b/g,
  /\b(?:could|would|will|am going to|going to) (?:just |literally |actually )?(?:kill|strangle|murder|throttle|choke|strangling|killing) (?:myself|him|her|them|someone|my \w+) (?:for|if (?:he|she|they|it) (?:\w+ )?(?:eats|takes|touches|borrows|uses|finishes|steals|drinks|leaves|forgets|says|does|is late|plays|sings|calls|texts|moves|parks)) ?(?:forgetting|not|being|missing|saying|doing|eating|taking|letting|leaving|that|this|a |an |[a-z]+ing)? (?:forgetting|not|being|missing|saying|doing|eating|taking|letting|leaving|that|this|a |an )/g,
  /\bi could (?:honestly |literally |actually |just |happily |cheerfully )?(?:kill|strangle|throttle|murder) (?:him|her|them|my \w+)\b/g,
  /\bkill(?:ing|ed)? (?:it|time|the (?:lights|engine|music|process|mood|vibe|build|job|task|bug|pain)|two birds|a few hours|an hour)\b/g,
  /\b(?:could|would) kill for\b/g,
  /\b(?:shoot|shot|shooting) (?:myself|yourself|ourselves|me) in the foot\b/g,
  /\bshoot (?:me|you|him|her) (?:a|an) (?:text|message|email|line|dm)\b/g,
  /\bcut (?:myself|me) (?:some )?slack\b/g,
  /\bcut(?:ting)? myself (?:shaving|cooking|chopping|on (?:a|the|some)|while|by accident|accidentally|opening)\b/g,
  /\b(?:hurt|injured|burned|burnt) (?:myself|my \w+) (?:at the gym|lifting|running|playing|skiing|climbing|falling|when i fell|while|on (?:the|a) (?:oven|stove|pan|iron|kettle|grill|fryer|salamander|hob|tray|toaster|radiator|exhaust|bbq|barbecue)|cooking|by accident|accidentally)\b/g,
  /\b(?:end(?:ed|ing)?|call(?:ed|ing)?) (?:it|things) (?:off )?with (?:him|her|them|my \w+)\b/g,
  /\bend(?:ed|ing)? (?:things|it) (?:between us|for good with)\b/g,
  /\bdied? (?:\d+|a (?:few|dozen|hundred)|forty|fifty|twenty|thirty|ten|so many) times\b/g,
  /\b(?:killing|killed|kill) (?:the|that) (?:boss|level|raid|dragon|zombies?)\b/g,
  /\b(?:over|above) my dead body\b/g,
  /\brather die than (?:go|wear|eat|sit|listen|watch|attend|do|be seen|admit|ask|call|use|work)\w*/g,
  /\bkill(?:ing)? me (?:softly)\b/g,
  /\bsuicide (?:squad|mission|doors?|run|sprints?|drills?)\b/g,
  /\bdrop dead (?:gorgeous|beautiful)\b/g,
  /\b(?:murder|murdering|murdered) (?:a|that|the|this) (?:pizza|burger|sandwich|song|karaoke|curry|plate|bottle)\b/g,
];

/** Ordinary leave-taking: jobs, moves, decluttering, and wills written as a joke. */
const FAREWELL = /\b(?:mortgage|solicitor|lawyer|notary|advis[eo]r|insurance|estate planning|baby is on the way|baby's on the way|pregnan\w*|last day|new job|moving|move to|the move|moved|relocat\w*|farewell|leaving (?:the|this|my) (?:company|team|job|firm|school|city|country|office)|graduat\w*|retir\w*|declutter\w*|charity shop|as a joke|joke|holiday|vacation|trip|abroad)\b/;

export const RULES: SignalRule[] = [
  // ── suicidal ideation: explicit ──────────────────────────────────────────────────────
  { id: 'ideation_kill_self', category: 'suicidal_ideation', weight: 0.95, pattern: /\b(?:kill|killing|killed|hang|hanging|hanged|shoot|shooting|shot|drown|drowning|off|offing|unalive|unaliving|poison|poisoning|gas|gassing) (?:myself|my self)\b/g, note: 'states killing oneself' },
  { id: 'ideation_kms', category: 'suicidal_ideation', weight: 0.85, pattern: /\b(?:kms|ctb|sewerslide|unalive)\b/g, note: 'online shorthand for suicide' },
  { id: 'ideation_suicidal', category: 'suicidal_ideation', weight: 0.9, pattern: /\b(?:i am|i was|i have been|been|feel|feeling|felt|so|very|really|pretty|kind of|kinda|getting|becoming|actively|passively) (?:(?!not\b|never\b)\w+ )?suicidal\b|\bsuicidal (?:again|lately|tonight|today|thoughts|ideation|feelings|urges)\b/g, note: 'describes being suicidal' },
  { id: 'ideation_suicide_act', category: 'suicidal_ideation', weight: 0.85, pattern: /\b(?:commit|committing|attempt|attempting|attempted|consider|considering|contemplating|thinking about|thought about|think about|planning|plan) suicide\b|\bsuicide (?:plan|note|letter|attempt|is the only|seems like)\b/g, note: 'talks about own suicide or an attempt', noun: true },
  { id: 'ideation_end_life', category: 'suicidal_ideation', weight: 0.9, pattern: /\b(?:end|ending|ended|take|taking|took) (?:my|my own) life\b|\bend(?:ing)? it all\b|\bend my (?:own )?(?:existence|suffering|pain) for good\b/g, note: 'ending one\'s own life' },
  { id: 'ideation_end_it', category: 'suicidal_ideation', weight: 0.7, pattern: new RegExp(String.raw`\b${WANT} to (?:just )?end (?:it|things|everything)\b|\b(?:thinking|thought|think) (?:about|of) ending (?:it|things|everything)\b`, 'g'), note: 'wants to "end it"' },
  { id: 'ideation_want_die', category: 'suicidal_ideation', weight: 0.9, pattern: new RegExp(String.raw`\b${WANT} (?:to )?(?:just )?(?:die|be dead|not be alive|not exist|not be here|stop existing|stop living|disappear forever|go to sleep forever)\b`, 'g'), note: 'wish to die' },
  { id: 'ideation_wish_dead', category: 'suicidal_ideation', weight: 0.9, pattern: /\bwish(?:ing|ed)? (?:i|that i) (?:was|were|could be) dead\b|\bwish (?:i|that i) (?:had )?(?:never (?:been born|existed|woken up|woke up)|was never born|were never born)\b|\bwish (?:i|that i) (?:could|would) (?:just )?(?:die|not wake up|fall asleep and never wake up|stop existing|cease to exist)\b/g, note: 'wishes to be dead or never born' },
  { id: 'ideation_not_live', category: 'suicidal_ideation', weight: 0.9, selfNegated: true, pattern: /\b(?:do not|does not|did not) (?:really )?want to (?:live|be alive|exist|be here|wake up|go on|keep living|be on this earth|be in this world)\b/g, note: 'does not want to live' },
  { id: 'ideation_no_reason', category: 'suicidal_ideation', weight: 0.85, selfNegated: true, pattern: /\bno (?:reason|point|purpose) (?:to|in|for) (?:live|living|go on|going on|being alive|be alive|stay|staying|be here|being here|wake up|waking up|exist|existing)\b|\b(?:nothing|no one|nobody) (?:left )?to live for\b|\b(?:life|living) is (?:not|no longer) worth (?:it|living)\b|\bnot worth living\b/g, note: 'no reason to live' },
  { id: 'ideation_better_off', category: 'suicidal_ideation', weight: 0.9, selfNegated: true, pattern: /\b(?:better off|be better) (?:dead|without me|if i (?:was|were|am) (?:gone|dead|not here|not around))\b|\b(?:everyone|everybody|they|the world|my family|my kids|people) (?:would|will) be (?:better|happier) (?:off )?(?:without me|if i (?:was|were) gone)\b/g, note: 'others better off without them' },
  { id: 'ideation_never_wake', category: 'suicidal_ideation', weight: 0.85, pattern: /\b(?:go to sleep|fall asleep|sleep|close my eyes) and (?:never|not) wake up\b|\b(?:hope|hoping|wish|pray|praying) (?:that )?i (?:do not|will not|never) wake up\b/g, note: 'wish not to wake up' },
  { id: 'ideation_noone_miss', category: 'suicidal_ideation', weight: 0.7, selfNegated: true, pattern: /\b(?:no one|nobody|no-one) would (?:even )?(?:miss me|notice (?:if i|i was gone|i am gone)|care if i (?:died|was gone|disappeared|were gone))\b|\bhow long (?:it would take )?(?:before )?(?:anyone|someone|people) (?:would )?(?:notice|find me)\b/g, note: 'nobody would notice if they were gone' },
  { id: 'ideation_hedged', category: 'suicidal_ideation', weight: 0.8, selfNegated: true, pattern: /\b(?:not sure|not certain|do not know if|do not know whether|no longer sure) (?:that )?i (?:still )?(?:want|wanna) to (?:be alive|live|be here|keep going|keep living|exist|wake up)\b/g, note: 'doubts wanting to be alive' },
  { id: 'ideation_burden', category: 'suicidal_ideation', weight: 0.55, pattern: /\bi am (?:just )?(?:a|such a) (?:burden|waste of space|waste of oxygen)\b(?! (?:on|to) (?:nobody|no one|no-one))|\bburden (?:to|on) (?:everyone|everybody|my family|them)\b/g, note: 'sees self as a burden' },
  { id: 'ideation_cant_go_on', category: 'suicidal_ideation', weight: 0.45, selfNegated: true, pattern: /\b(?:can not|could not) (?:go on|keep going|do this|take (?:it|this)|live like this|keep living)(?: anymore| any more| much longer| like this)\b/g, note: 'cannot go on (weak alone: also said of jobs)' },
  { id: 'ideation_thinking_death', category: 'suicidal_ideation', weight: 0.5, pattern: /\b(?:thinking|think|thought|thoughts) (?:about|of) (?:dying|death|being dead|not being here|not existing|disappearing)\b/g, note: 'preoccupied with own death' },
  { id: 'ideation_rather_dead', category: 'suicidal_ideation', weight: 0.8, pattern: /\b(?:would|'d) rather (?:be dead|die|not exist|not be here|not wake up)\b/g, note: 'would rather be dead' },

  // ── suicidal ideation: plans, means, goodbyes ────────────────────────────────────────
  { id: 'plan_method_research', specific: true, category: 'suicidal_ideation', weight: 0.9, escalate: true, pattern: /\b(?:painless|quick|quickest|easiest|fastest|surest|least painful|best) (?:way|ways|method|methods) to (?:die|go|end it|kill myself|do it)\b|\bhow many (?:pills|tablets|of (?:my|these|the) (?:\w+ )?\w+) (?:would|does|will|do|to) (?:it |i )?(?:take|need|kill|be enough|do it)|\b(?:lethal|fatal|deadly) dose\b|\bhow (?:long|high) (?:a|the) (?:drop|fall|bridge|building) (?:needs|has) to be\b/g, note: 'researching a method or dose' },
  { id: 'plan_overdose', specific: true, innocent: /\b(?:pharmac\w*|prescriptions|dispens\w*|patients|my shift|on the ward)\b/, category: 'suicidal_ideation', weight: 0.85, escalate: true, pattern: /\b(?:overdose|overdosing|od) (?:on|tonight|again)\b|\btake (?:all|every one|the whole (?:bottle|box|pack)) (?:of )?(?:my|the|these) (?:pills|meds|tablets|medication)\b|\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting|collected|counting|counted) (?:up )?(?:my |the |all the |enough )?(?:pills|meds|tablets|sleeping pills|painkillers|medication)\b/g, note: 'overdose or stockpiling medication' },
  { id: 'plan_jump', category: 'suicidal_ideation', weight: 0.85, escalate: true, pattern: /\b(?:jump|jumping|throw myself|throwing myself) (?:off|from) (?:the|a|that|this|my) (?:bridge|roof|building|balcony|overpass|cliff|parking garage|tower|window)\b|\b(?:step|stepping|walk|walking|jump|jumping|throw myself|throwing myself) in front of (?:a|the) (?:train|bus|truck|lorry|car)\b|\b(?:drive|driving|crash|crashing|swerve|swerving) (?:my car )?(?:into|off) (?:a|the) (?:wall|tree|bridge|cliff|river|oncoming traffic|barrier)(?: on purpose)?\b/g, note: 'a lethal method named' },
  { id: 'plan_have_plan', category: 'suicidal_ideation', weight: 0.4, escalate: true, modifier: true, pattern: /\b(?:i have|i have got|i made|made|making|have) (?:a|the|my) plan\b|\bi know (?:how|when|where) i (?:will|would|am going to) do it\b|\b(?:picked|chose|chosen|set) (?:a|the) (?:date|day|time|place|spot)\b|\bgo through with it\b/g, note: 'a plan, date or place' },
  { id: 'means_access', category: 'suicidal_ideation', weight: 0.4, escalate: true, modifier: true, pattern: /\b(?:bought|buying|got|have|found|keep|kept|loaded|hid|hidden) (?:a|the|some|my|enough) (?:rope|noose|gun|pistol|rifle|shotgun|bullets|ammo|razor blades?|blades?|charcoal|pills|tablets|knife|belt)\b|\btied (?:a|the) (?:noose|rope)\b/g, note: 'access to means' },
  { id: 'timeline', category: 'suicidal_ideation', weight: 0.4, escalate: true, modifier: true, pattern: /\b(?:tonight|tomorrow|this weekend|in a few (?:hours|days)|by (?:friday|monday|sunday|the end of the (?:week|month))|after (?:the kids|everyone|they) (?:go|goes|are|is|fall|falls) (?:to bed|asleep)|when (?:everyone|they) (?:is|are) asleep|on my birthday|before (?:anyone|they) (?:wake|get home|gets home))\b/g, note: 'a timeline' },
  { id: 'goodbye_final', specific: true, category: 'suicidal_ideation', weight: 0.85, escalate: true, pattern: /\b(?:this is|this will be|consider this|it is) my (?:last|final) (?:entry|message|post|note|letter|words|page|goodbye)\b|\bby the time (?:you|anyone|someone|they|somebody) (?:read|reads|find|finds|see|sees) this\b|\b(?:when|after|once) i am (?:gone|dead|not here)\b|\bgoodbye (?:letters?|notes?)\b|\bsuicide note\b|\b(?:letters?|notes?) (?:for|to) (?:my family|everyone|them|my kids|my parents) to find\b/g, note: 'a final goodbye' },
  { id: 'goodbye_affairs', innocent: FAREWELL, category: 'suicidal_ideation', weight: 0.6, escalate: true, pattern: /\b(?:giving|gave|give|given) away (?:all )?(?:of )?(?:my|all my) (?:stuff|things|belongings|possessions|clothes|books|cat|dog|pets?|games|guitar)\b|\b(?:take|taking) care of (?:my|the) (?:cat|dog|kids|pets?|plants|rabbit|fish) (?:for me )?(?:when|after|once) i\b|\bmade my peace with (?:it|dying|death|leaving|my decision|everything)\b|\bput(?:ting)? my affairs in order\b|\b(?:updated|wrote|writing|finished) my (?:will|passwords list)\b(?! (?:for the course|at work))/g, note: 'putting affairs in order' },
  { id: 'goodbye_not_around', innocent: FAREWELL, category: 'suicidal_ideation', weight: 0.75, escalate: true, selfNegated: true, pattern: /\b(?:will not|am not going to|not going to|will no longer) be (?:here|around|alive|a problem|a burden) (?:much longer|for long|anymore|any more|to see)\b|\bthis is goodbye\b|\b(?:goodbye|bye) (?:forever|world|everyone)\b/g, note: 'implies not being around' },

  // ── suicidal ideation: implicit warning signs (mostly weak alone: the classifier weighs them in context) ──
  { id: 'goodbye_last_entry', category: 'suicidal_ideation', weight: 0.8, escalate: true, specific: true, pattern: /(?:^|[.!?\n]\s*)(?:my )?(?:last|final) (?:entry|post|message|page)\b|\bif anything happens(?: to me)?,? (?:it is|it's|its) not (?:your|anyone's|anyones) fault\b|\b(?:letter|note|letters|notes) (?:on|under|by) (?:the|my|his|her) (?:pillow|bed|keyboard|desk|kitchen table)\b/g, note: 'a last entry, a note left to be found, or absolving others in advance' },
  { id: 'goodbye_less_of_me', category: 'suicidal_ideation', weight: 0.7, selfNegated: true, pattern: /\bthe less of me (?:left )?(?:around |there is )?the better\b|\b(?:will not|not going to) be around for (?:it|that|christmas|the (?:wedding|birth|trip|holidays|summer)|(?:her|his|their) (?:birthday|wedding|graduation))\b(?! (?:because|as) (?:i am|we are) (?:away|travelling|visiting))/g, note: 'expects not to be around' },
  { id: 'goodbye_thanks', category: 'suicidal_ideation', weight: 0.4, pattern: /\bthank(?:s| you) (?:to (?:whoever|everyone|all of you)(?: who)? [a-z ]{0,30}?)?for (?:everything|putting up with me|all these years|listening all these years|being my (?:friend|sister|brother|mum|mom|dad))\b|\bsaying goodbye without saying\b|\b(?:one|a) (?:more|last) (?:time|look)\b/g, note: 'thanks or a farewell without a reason given' },
  { id: 'goodbye_settling', category: 'suicidal_ideation', weight: 0.35, pattern: /\b(?:sold|selling|gave|giving|give) (?:away )?(?:all )?(?:my|mum's|mom's|dad's) (?:ring|watch|bike|car|camera|guitar|decks|games|books|records|jewellery|jewelry|clothes|plants|art|drawings)\b|\bpaid (?:off|back) (?:all )?(?:my|the) (?:debts?|loans?|phone contract|credit card|brother|sister|mum|mom|dad|friend)\b|\bnext of kin\b|\b(?:deleted|deleting) (?:all )?my (?:socials|accounts|social media)\b|\b(?:made my (?:decision|mind up)|the decision is made|i have decided)\b|\bcountdown\b/g, note: 'settling affairs, giving things away, a decision or a countdown' },
  { id: 'ideation_passive', category: 'suicidal_ideation', weight: 0.25, pattern: /\b(?:no one|nobody) would notice\b|\bhow long (?:until|before|till) (?:anyone|someone|people) (?:noticed|notices|would notice)\b|\b(?:tired of|sick of|done with) (?:living|existing|being alive|everything|it all)\b|\bwhat is the point (?:of|in) (?:anything|any of it|living|trying|me)\b|\bcan not see a (?:future|way out)\b|\b(?:trapped|hopeless|worthless|pointless)\b/g, note: 'passive wish not to be here, hopelessness' },
  { id: 'ideation_intrusive', category: 'suicidal_ideation', weight: 0.55, selfNegated: true, pattern: /\b(?:the )?thought,? "?(?:i should|you should|just) (?:kill|end|hang|drown)\b|\b(?:suicidal|suicide) thoughts? (?:have |has |are |is )?(?:come back|came back|back|returned|again)\b/g, note: 'intrusive suicidal thoughts' },

  // ── self-harm ────────────────────────────────────────────────────────────────────────
  { id: 'selfharm_act', category: 'self_harm', weight: 0.9, pattern: new RegExp(String.raw`\b(?:cut|cutting|cuts|burn|burning|burned|burnt|carve|carving|carved|scratch|scratching|scratched|stab|stabbing|stabbed|slice|slicing|sliced|bruise|bruising) ${SELF_BODY}\b`, 'g'), note: 'self-injury' },
  { id: 'selfharm_hurt_self', category: 'self_harm', weight: 0.8, pattern: /\b(?:hurt|hurting|harm|harming|hit|hitting|punch|punching|bang|banging|starve|starving|starved|punish|punishing) myself\b/g, note: 'hurting oneself' },
  { id: 'selfharm_noun', category: 'self_harm', weight: 0.85, noun: true, pattern: /\bself[- ]?(?:harm|harming|harmed|injury|injure|injuring|injured|mutilation|mutilate|mutilating)\b/g, note: 'names self-harm' },
  { id: 'selfharm_urge', category: 'self_harm', weight: 0.85, pattern: /\b(?:urges?|urge|need|itch|craving) to (?:cut|burn|hurt myself|harm myself|self harm|bleed)\b|\b(?:cutting|cut) again\b|\brelaps(?:e|ed|ing) (?:on|into|with) (?:self[- ]?harm|cutting|sh)\b|\b(?:fresh|new|deep|deeper) cuts\b|\b(?:razor|blade|knife) (?:to|on|against|across) my (?:skin|arm|wrist|thigh|leg)s?\b|\bsleeves? (?:so|to hide|to cover) (?:the )?(?:cuts|scars|marks)\b|\bwanted to feel the pain\b|\bsee (?:myself )?bleed\b/g, note: 'urges or recent cutting' },

  { id: 'selfharm_implicit', category: 'self_harm', weight: 0.4, pattern: /\b(?:used to|would|started to) (?:cut|burn)\b(?! (?:my hair|hair|the|a|an|it|them|up|down|out|back|off|in line|class|classes|school|corners|costs|ties)\b)|\b(?:\w+ )?(?:days|weeks|months) clean\b|\bdid it again\b|\b(?:long sleeves|cardigans?|hoodies?) (?:to hide|so (?:nobody|no one) (?:sees|asks))\b|\bhide (?:the )?(?:marks|scars|cuts|burns|bruises)\b|\b(?:plasters|bandages|antiseptic|gauze)(?:,? (?:and |or )?(?:plasters|bandages|antiseptic|gauze))*\b|\bscars\b/g, note: 'hiding marks, counting clean days' },

  // ── harm to others ───────────────────────────────────────────────────────────────────
  { id: 'others_intent', category: 'harm_to_others', weight: 0.85, escalate: true, pattern: new RegExp(String.raw`\b(?:i am going to|i will|i want to|i could|going to|want to|planning to|plan to|thinking about|thinking of|fantasi[sz]ing about|fantasi[sz]e about|urge to|imagine|imagining) (?:\w+ )?(?:stab|stabbing|shoot|shooting|strangle|strangling|poison|poisoning|choke|choking|smother|smothering|drown|drowning|hurt|hurting|harm|harming|beat|beating|attack|attacking|murder|murdering|kill|killing|bludgeon|run over) ${PERSON}\b`, 'g'), note: 'intent to hurt a person' },
  { id: 'others_mass', specific: true, category: 'harm_to_others', weight: 0.95, escalate: true, pattern: /\b(?:shoot|shooting|bomb|bombing|blow) up (?:the|my|a|this) (?:school|office|work|workplace|class|church|mall|mosque|synagogue|party)\b|\b(?:make|making) (?:them|him|her|everyone|all of them) (?:pay|suffer) (?:for|with)\b/g, note: 'threat to a group or revenge' },
  { id: 'others_weapon', specific: true, category: 'harm_to_others', weight: 0.8, escalate: true, pattern: /\b(?:know|knows) (?:exactly )?what i (?:will|would|am going to) do with (?:the|my|a) (?:hammer|knife|gun|bat|axe|crowbar)\b|\bi know where (?:he|she|they) (?:lives?|sleeps?|works?)\b|\b(?:hurt|hurting|harm|harming) the baby\b|\b(?:thoughts|urges) (?:of|about) (?:hurting|harming|killing|drowning|smothering) (?:the|my) (?:baby|kids?|son|daughter)\b/g, note: 'weapon, target or intrusive harm' },

  { id: 'others_stalking', category: 'harm_to_others', weight: 0.4, pattern: /\b(?:checked|know|found out|worked out|watching) (?:what time|when|where) (?:he|she|they) (?:leaves|gets home|parks|walks|sleeps|lives|works)\b|\b(?:make|making) (?:him|her|them) (?:pay|suffer|regret)\b|\bhe (?:will|is going to) (?:get|have) what is coming\b/g, note: 'tracking a person, revenge' },

  // ── severe episodes ──────────────────────────────────────────────────────────────────
  { id: 'episode_voices', category: 'severe_episode', weight: 0.85, pattern: /\b(?:hear|hearing|heard) (?:voices|a voice|the voices)\b|\bvoices? (?:is |are |keep |keeps )?(?:telling|tell|told|saying|say|commanding|command|ordering|order|whispering) me\b|\b(?:radio|tv|television|songs?|signs?|the news) (?:is |are |keep |keeps )?(?:talking|speaking|sending messages|sending signals) (?:to|at) me\b|\bsending me (?:secret )?(?:messages|signals|signs)\b/g, note: 'hallucinations or ideas of reference' },
  { id: 'episode_command', specific: true, category: 'severe_episode', weight: 0.9, escalate: true, pattern: /\bvoices? (?:is |are |keep |keeps )?(?:telling|tell|told|commanding|ordering) me to (?:hurt|kill|die|jump|cut|do it|end it|stab|burn)\b/g, note: 'command hallucination' },
  { id: 'episode_paranoia', category: 'severe_episode', weight: 0.7, pattern: /\b(?:they are|they have been|someone is|people are|everyone is|the (?:government|neighbou?rs|cia|fbi|police)(?: is| are)?) (?:watching|following|tracking|monitoring|poisoning|recording|reading) (?:me|my (?:thoughts|mind))\b|\b(?:cameras?|microphones?|chips?|implants?|trackers?) (?:in|inside|hidden in) (?:my|the) (?:walls|head|room|teeth|brain|flat|apartment)\b|\b(?:putting|inserting|stealing) thoughts (?:in|into|from) my (?:head|mind)\b/g, note: 'persecutory beliefs' },
  { id: 'episode_unreal', category: 'severe_episode', weight: 0.75, pattern: /\b(?:can not|could not) tell (?:what is|what's|if anything is|whether anything is) real\b|\bi am not real\b|\b(?:nothing|none of this|nobody) is real\b|\bdo not know who i am or where i am\b|\b(?:woke|came to|came back) (?:up )?(?:somewhere|in a place|on the floor of) (?:i do not|i did not) (?:know|recogni[sz]e|remember)\b|\blost (?:hours|a whole day|two days|time) again\b/g, note: 'loss of contact with reality or frightening dissociation' },
  { id: 'episode_no_sleep', category: 'severe_episode', weight: 0.55, pattern: /\b(?:have not|has not|not|no|without) (?:slept|sleep|eaten|eating|food or sleep) (?:in|for) (?:\d+|two|three|four|five|six|several|many|a few) (?:days|nights)\b|\bday (?:three|four|five|six|seven|\d+) (?:with )?(?:no|without) sleep\b|\b(?:\d+|three|four|five) days (?:with )?(?:no|without) sleep\b/g, note: 'days without sleep or food' },
  { id: 'episode_implicit', category: 'severe_episode', weight: 0.45, pattern: /\b(?:\d+(?:st|nd|rd|th)?|second|third|fourth|fifth|sixth) (?:night|day) (?:awake|without sleep|with no sleep|no sleep)\b|\blos(?:ing|t) (?:chunks of|whole|big chunks of) (?:the day|days|time|hours)\b|\b(?:i am|i'm) the only one who (?:can|could) (?:see|read|hear|understand) (?:it|them|the)\b|\b(?:a|the) code (?:only i|that only i)\b|\bnot (?:eaten|slept) (?:properly )?(?:since|for days)\b/g, note: 'days awake, lost time, special messages' },
  { id: 'episode_grandiose', category: 'severe_episode', weight: 0.6, pattern: /\bi am (?:god|the messiah|a prophet|the chosen one|immortal)\b|\b(?:god|the universe) (?:chose|picked|is speaking to|speaks to) me\b|\bmy thoughts are (?:racing|too fast) and i (?:can not|could not) (?:stop|sleep)\b/g, note: 'grandiosity or racing thoughts' },
];

// ── context: what explains a crisis phrase away ─────────────────────────────────────────
const NEGATION = /\b(?:not|never|no longer|nobody|no one|nothing|none|without|neither|nor|stopped|quit)\b|\bno\b/;
/** Negation words that do not negate what follows: hedges and "can not stop". */
const NOT_A_NEGATION = /\b(?:not (?:sure|certain)|do not know (?:if|whether|why|how)|no idea (?:if|whether|why)|can not stop|could not stop|not stop|never stop|no matter|not even|not just|never been so|no one understands|nothing helps|not anymore)\b/g;
const FIRST_PERSON = /\b(?:i|me|my|myself)\b/;
const OTHER_SUBJECT_WORDS = String.raw`\b(?:he|she|they|you|your|his|hers|someone|somebody|everyone|people|friend|friends|sister|brother|mom|mum|mother|dad|father|son|daughter|wife|husband|partner|boyfriend|girlfriend|cousin|aunt|uncle|grandma|grandpa|grandmother|grandfather|roommate|flatmate|coworker|colleague|patient|patients|client|clients|student|students|caller|kid|kids|child|man|woman|guy|girl|character|villain|hero|protagonist|narrator|author|singer|who|\w+-year-old|voice|voices)\b`;
const OTHER_SUBJECT = new RegExp(OTHER_SUBJECT_WORDS);
const OTHER_SUBJECT_ALL = new RegExp(OTHER_SUBJECT_WORDS, 'g');
const MEDIA = /\b(?:cover|radio|playlist|spotify|singer|rapper|song|songs|lyric|lyrics|sang|sing|singing|album|band|track|chorus|verse|movie|film|show|episode|series|book|novel|poem|poet|quote|quotes|quoting|line from|posts|tumblr|blog|meme|tweet|character|villain|protagonist|chapter|scene|story|play|script|game)\b/;
const NOT_A_JOKE = /\b(?:not (?:even )?(?:a )?jok\w*|no joke|not kidding)\b/;
/** The writer says outright that a phrase was not meant literally. */
const NOT_LITERAL = /\b(?:not literally|(?<!\bnot (?:\w+ )?)figuratively|not in a (?:literal|wanting|real) way)\b/;
const HUMOUR = /\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe|jk|just kidding|kidding|joking)\b|😂|🤣|💀|😅|🙃|\/s\b/;
const FICTION = /\b(?:my (?:novel|story|character|villain|protagonist|book|manuscript|screenplay|script|campaign|dnd|d&d)|chapter \w+|the (?:villain|protagonist|character|narrator)|in the (?:game|book|film|movie|show|story)|writing (?:a|the) scene|plot)\b/;
const WORK = /\b(?:patients?|clients?|callers?|students?|ward|shift|hotline|helpline|training|workshop|assessments?|risk assessment|module|course|lecture|seminar|caseload|case|colleagues?|nurse|nursing|therapist|counsel\w*|awareness|prevention|statistics|research|paper|article|documentary|podcast|news|report)\b/;
/** Someone else's crisis, which no first-person rule matches (so nothing else would mark it as explained away). */
const OTHER_PERSON_CRISIS = /\b(?:kill|killed|cut|cuts|cutting|hurt|hurting|harm|harming|hang|hanged|shoot|shot|poison|poisoned|overdosed?)(?:s|ed|ing)? (?:him|her|them)sel(?:f|ves)\b|\b(?:he|she|they) (?:wants?|wanted|tried|is going|was going) to (?:die|end it)\b/;

/** A struggle placed in a past that the text marks as over. */
const DISTAL_PAST = /\b(?:used to|years ago|a year ago|months ago|long time ago|back (?:then|when|in)|when i was (?:\d+|young|a (?:kid|teen|teenager|child|student))|as a (?:teen|teenager|kid|child)|in (?:high school|college|university|my twenties|my teens|20\d\d|19\d\d)|at the time|at my worst|that (?:year|winter|summer|period)|(?:days|nights|weeks) then|(?:\d+|two|three|four|five|six|seven|eight|nine|ten) (?:years|months) (?:since|after)|the (?:year|winter|summer|spring|autumn|months|period) (?:when |that )?i (?:wanted|tried|was|were|had|thought|attempted|cut|spent|could not|did not)|old (?:self[- ]?harm|sh|cutting|suicid\w*)|alive day|anniversary|(?:\w+ )?(?:years?|yrs?|months?) (?:clean|free|sober)|(?:self[- ]?harm|sh|cutting|suicide attempt)[- ]free|free (?:from|of) (?:self[- ]?harm|cutting|the urges)|discharged|intake form|since then|survived)\b/;
const RESOLVED = /\b(?:now i am|i am (?:doing )?(?:better|okay|ok|fine|safe|good) now|these days|no longer|not anymore|anymore|any more|got help|recovered|recovering|in recovery|glad i am (?:still )?here|grateful|proud of (?:how far|myself)|(?:days|months|years) clean|clean for|today i|since then|survived|made it through|got through)\b/;
/** The past coming back: these keep a past-tense signal live anywhere in the text. */
const RECURRENCE = /\b(?:(?<!\b(?:eat|eating|walk|walking|sleep|sleeping|laugh|laughing|smile|smiling|breathe|breathing|run|running|work|working|drive|driving|trust|trusting|love|loving|live|living) )again|relapse\w*|back again|it is back|they are back|coming back|lately|recently)\b/;
/** A recent time: keeps a past-tense signal live in its own sentence ("this morning I ran" does not revive "back then"). */
const RECENT_TIME = /\b(?:last (?:night|week|weekend)|yesterday|(?<!ago )this (?:morning|week|evening|afternoon)|tonight|earlier today|an hour ago|just now|right now)\b/;
const PAST_FORM = /\b(?:wanted|tried|was|were|had|used|thought|attempted|cut|burned|hurt|took|felt|wished|planned|overdosed|did)\b/;
/** "I have thought every day about…" is the present: drop present-perfect verbs before looking for a past form. */
const PRESENT_PERFECT = /\b(?:have|has) (?:\w+ )?(?:been|wanted|tried|had|thought|felt|cut|burned|hurt|wished|planned)\b/g;
/** Someone else is quoted: a speech verb with another speaker. */
const QUOTE_ATTRIBUTION = /\b(?:he|she|they|someone|somebody|my \w+|the \w+)(?: had| would)? (?:said|says|told|tells|texted|texts|wrote|writes|posted|sang|sings|asked|asks|yelled|shouted|screamed)\b|\b(?:texts?|messages?|emails?|letters?|voicemails?) from (?:my|her|his|their|a) \w+/;
/** The writer explains what their own quoted words were about ("it was about the photocopier"). */
const QUOTE_EXPLAINED = /\b(?:it was|i meant|i was talking|i was on) about (?:the|my|a|an|our|this|that) \w+/;
/** A medicine's side-effect list names the phrase. */
const SIDE_EFFECTS = /\bside[- ]effects?\b|\bleaflet\b/;

export type SuppressReason =
  | 'negated'
  | 'someone_else'
  | 'quoted'
  | 'fiction'
  | 'innocent_context'
  | 'humour'
  | 'past_resolved'
  | 'work_context';

export interface RuleMatch {
  rule: SignalRule;
  /** The matched phrase (normalised). */
  text: string;
  /** Why the match does not count, when it does not. */
  suppressed: SuppressReason | null;
}

export interface RuleResult {
  matches: RuleMatch[];
  /** Unsuppressed evidence per category, noisy-OR of the core rule weights (modifiers excluded). */
  categories: Record<CrisisCategory, number>;
  /** An unsuppressed escalating rule matched (modifiers count only together with a crisis). */
  escalate: boolean;
  escalateModifier: boolean;
  /** Crisis language matched but every match was explained away (negation, idiom context, someone else…). */
  mitigated: boolean;
  /** How many idiom spans were masked. */
  idioms: number;
}

function sentenceOf(spans: readonly Span[], pos: number): Span {
  for (const sp of spans) if (pos >= sp.start && pos < sp.end) return sp;
  return { start: 0, end: 0 };
}

/** "No thoughts of dying or hurting myself": the negation scopes over the whole list of thoughts. */
const NEGATED_THOUGHTS = /\b(?:not|no|never|none|without)\b(?: \w+){0,3} (?:thoughts?|urges?|plans?|intentions?) (?:of|about|to)\b/;
/** A screening question about the phrase ("asked if I ever have thoughts of…"), answered no in the text. */
const SCREENING_QUESTION = /\b(?:asked|asks|ask|asking|question|form|leaflet|questionnaire)\b[^.!?]*\b(?:if|whether|about)\b/;
const ANSWERED_NO = /\b(?:ticked|tick|said|say|answered|answer|circled|put|wrote) (?:a )?"?(?:no|never|none|zero)\b/;

/** The writer takes the "no" back ("I said no. That was a lie."). */
const ANSWER_WAS_A_LIE = /\b(?:a lie|lie[.!]|lied|lying to (?:her|him|them|my \w+)|was not true|not the truth)/;
/** A form-style answer right after the phrase: "Thoughts of self-harm: none." */
const ANSWERED_NONE_AFTER = /^[^.!?\n]{0,40}?:\s*"?(?:none|no|never|zero|nil|not at all)\b/;

function negated(left: string, text: string, after: string): boolean {
  if (NEGATED_THOUGHTS.test(left) || ANSWERED_NONE_AFTER.test(after)) return true;
  if (SCREENING_QUESTION.test(left) && ANSWERED_NO.test(text) && !ANSWER_WAS_A_LIE.test(text)) return true;
  const cleaned = left.replace(NOT_A_NEGATION, ' ');
  // Only the last few words of the clause carry the negation that scopes over the match.
  const tail = cleaned.split(/\s+/).filter(Boolean).slice(-5).join(' ');
  return NEGATION.test(tail);
}

/** The clause's subject nearest to the match is another person (and not the writer). */
function someoneElse(left: string, matched: string): boolean {
  // Patterns that name their own subject ("i am going to …") need no look to the left.
  if (/^i\b/.test(matched)) return false;
  if (/\b(?:myself|my life|my own|me)\b/.test(matched) && !/\b(?:he|she|they|you)\b/.test(left)) return false;
  let lastOther = -1;
  for (const m of left.matchAll(OTHER_SUBJECT_ALL)) lastOther = m.index ?? 0;
  if (lastOther < 0) return false;
  const after = left.slice(lastOther);
  // "my friend thinks I want to die": the writer is the subject nearer the match.
  return !/\bi\b/.test(after.replace(OTHER_SUBJECT_ALL, ''));
}

/** The rest of the match's clause: up to the next comma or a turn to the present ("but", "now", "today"). */
function clauseRest(s: string, sentenceEnd: number, from: number): string {
  const rest = s.slice(from, sentenceEnd);
  const stop = rest.search(/,|\b(?:but|now|today|these days|and now)\b/);
  return stop < 0 ? rest : rest.slice(0, stop);
}

function inside(spans: readonly Span[], pos: number): boolean {
  return spans.some((sp) => pos > sp.start && pos < sp.end);
}

function emptyCategories(): Record<CrisisCategory, number> {
  return { suicidal_ideation: 0, self_harm: 0, harm_to_others: 0, severe_episode: 0 };
}

export function evaluateRules(text: string): RuleResult {
  const raw = normalizeForRules(text);
  const idiomSpans: Span[] = [];
  for (const re of IDIOMS) {
    for (const m of raw.matchAll(re)) idiomSpans.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  const s = mask(raw, idiomSpans);
  const sentences = sentenceSpans(s);
  const quotes = quotedSpans(s);
  const fictionText = FICTION.test(s);
  const recurrence = RECURRENCE.test(s);
  const resolvedText = RESOLVED.test(s);
  const distalText = DISTAL_PAST.test(s);

  const matches: RuleMatch[] = [];
  for (const rule of RULES) {
    for (const m of s.matchAll(rule.pattern)) {
      const pos = m.index ?? 0;
      const sentence = sentenceOf(sentences, pos);
      const sentenceText = s.slice(sentence.start, sentence.end);
      const left = s.slice(clauseStart(s, sentence.start, pos), pos);
      const matched = m[0];
      let suppressed: SuppressReason | null = null;
      if (!rule.selfNegated && negated(left, s, s.slice(pos + matched.length))) suppressed = 'negated';
      else if (someoneElse(left, matched)) suppressed = 'someone_else';
      else if (inside(quotes, pos) && (MEDIA.test(sentenceText) || QUOTE_ATTRIBUTION.test(sentenceText) || QUOTE_EXPLAINED.test(s))) suppressed = 'quoted';
      else if (MEDIA.test(sentenceText) && /\b(?:sang|sing|singing|lyrics?|song|quote|quoting|line from)\b/.test(sentenceText)) suppressed = 'quoted';
      else if (fictionText && !FIRST_PERSON.test(left.replace(/\bmy (?:novel|story|character|villain|protagonist|book)\b/g, ''))) suppressed = 'fiction';
      else if (rule.innocent?.test(s) || (SIDE_EFFECTS.test(sentenceText) && !/\bi\b/.test(left))) suppressed = 'innocent_context';
      else if (!rule.specific && ((HUMOUR.test(sentenceText) && !NOT_A_JOKE.test(sentenceText)) || NOT_LITERAL.test(s))) suppressed = 'humour';
      else if (rule.noun && WORK.test(sentenceText) && !/\b(?:i am|i have been|my own|urges?|i)\b/.test(left)) suppressed = 'work_context';
      else if (
        !recurrence &&
        !RECENT_TIME.test(sentenceText) &&
        (DISTAL_PAST.test(left + matched + clauseRest(s, sentence.end, pos + matched.length)) ||
          ((PAST_FORM.test(left.replace(PRESENT_PERFECT, ' ')) || PAST_FORM.test(matched)) && (resolvedText || distalText)))
      )
        suppressed = 'past_resolved';
      matches.push({ rule, text: matched, suppressed });
    }
  }

  const categories = emptyCategories();
  const coreIn = new Set<CrisisCategory>();
  const weakIn = new Map<CrisisCategory, number>();
  const counted = new Set<string>();
  let escalate = false;
  let escalateModifier = false;
  for (const { rule, suppressed, text: phrase } of matches) {
    // Each distinct phrase counts once: "did it again … did it again" is one sign, not two.
    const key = `${rule.id}:${phrase}`;
    if (suppressed || counted.has(key)) continue;
    counted.add(key);
    if (rule.modifier) {
      escalateModifier = true;
      continue;
    }
    categories[rule.category] = 1 - (1 - categories[rule.category]) * (1 - rule.weight);
    if (rule.weight >= CORE_WEIGHT) {
      coreIn.add(rule.category);
      if (rule.escalate) escalate = true;
    } else weakIn.set(rule.category, (weakIn.get(rule.category) ?? 0) + 1);
  }
  // One weak sign never decides alone; several distinct ones in the same category add up (noisy-OR).
  for (const c of CRISIS_CATEGORIES) if (!coreIn.has(c) && (weakIn.get(c) ?? 0) < 2) categories[c] = Math.min(categories[c], WEAK_CAP);
  const coreFired = CRISIS_CATEGORIES.some((c) => categories[c] >= CORE_WEIGHT);
  // Modifiers (timelines, means) are everyday words; their suppression says nothing about crisis language.
  const mitigated =
    !coreFired && (matches.some((x) => x.suppressed !== null && !x.rule.modifier) || idiomSpans.length > 0 || OTHER_PERSON_CRISIS.test(s));
  return { matches, categories, escalate, escalateModifier, mitigated, idioms: idiomSpans.length };
}

/** Inputs the classifier gets from the rules: per rule, matched-and-live and matched-but-explained-away; then the
 * text-level mitigation flag and whether an idiom was masked. Order follows RULES, so editing the rules means retraining. */
export const RULE_FEATURES = RULES.length * 2 + 2;

export function ruleFeatures(r: RuleResult): Float32Array {
  const v = new Float32Array(RULE_FEATURES);
  for (const { rule, suppressed } of r.matches) v[RULES.indexOf(rule) * 2 + (suppressed ? 1 : 0)] = 1;
  v[RULES.length * 2] = r.mitigated ? 1 : 0;
  v[RULES.length * 2 + 1] = r.idioms > 0 ? 1 : 0;
  return v;
}
