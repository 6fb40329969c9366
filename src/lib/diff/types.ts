/**
 * The semantic diff of two versions of a content library, as plain data. One shape: the Markdown
 * reporter formats it for a pull request, `--format json` prints it as is, and `/changes/` shows it.
 */

/** A field's value: text, a number, yes/no, or a list; null when the field is absent. */
export type FieldValue = string | number | boolean | readonly string[] | null;

/** One field before and after. Labels are what a reader who never saw the YAML understands. */
export interface FieldChange {
  /**
   * The schema field (`task`, `owner`, `due`, `handle`, `site`, …), `contract.end` for a nested one,
   * `links.<name>` or `vars.<name>` for a map's key, `details` for a client's private fields.
   */
  field: string;
  from: FieldValue;
  to: FieldValue;
  /** `Account lead` for `account-lead`, `14 days before the contract end` for `-14d`. */
  fromLabel?: string;
  toLabel?: string;
}

/** A word-level summary of a changed text (an email body, an SOP's page). */
export interface TextChange {
  wordsAdded: number;
  wordsRemoved: number;
  /** The first added and removed runs of words, shortened, to give a sense of the change. */
  addedSample?: string;
  removedSample?: string;
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'renamed';

/** What every reported change starts with: how the entry changed, and which entry it is. */
export interface ChangeHead {
  change: ChangeKind;
  /** The entry's id (the new id when renamed, the old one when removed). */
  id: string;
  /** The id before a rename. */
  previousId?: string;
}

/** A checklist item (of an SOP, or a playbook's extra item). */
export interface ItemChange extends ChangeHead {
  /** The task text (the new one when it changed). */
  task: string;
  /** For an added item: its values; for a changed one: what changed; for a removed one: nothing. */
  fields: FieldChange[];
}

interface EntryChange extends ChangeHead {
  title: string;
  /** Path of the file in the version that has it. */
  file: string;
  fields: FieldChange[];
}

export interface SopChange extends EntryChange {
  items: ItemChange[];
  /** The page text (MDX body); null when unchanged or unknown. */
  body: TextChange | null;
  /** Number of checklist items (of the version that has the SOP). */
  itemCount: number;
}

export interface EmailChange extends EntryChange {
  body: TextChange | null;
  variables: { added: string[]; removed: string[] };
}

/** An entry referenced by id, with the title to show. */
export interface Ref {
  id: string;
  title: string;
  /**
   * An SOP a playbook adds with a condition (`sops: [{ id, when }]`): the Liquid condition and, when
   * the describer knows its shape, the same in words (“the contract does not end for cause”).
   */
  when?: { condition: string; words: string | null };
}

export interface PlaybookChange extends EntryChange {
  sops: {
    added: Ref[];
    removed: Ref[];
    /** SOPs whose place in the order changed (1-based positions). */
    moved: (Ref & { from: number; to: number })[];
  };
  skip: { added: Ref[]; removed: Ref[] };
  extra: ItemChange[];
}

/** A role, person, phase or client record. */
export type SettingChange = EntryChange;

/** One task of one client's run that appears, disappears, moves or changes hands. */
export interface ImpactItem {
  change: 'added' | 'removed' | 'moved' | 'reassigned';
  /** `<sop-id>#<item-id>` in the head version. */
  globalId: string;
  task: string;
  /** Due date and person before (absent for an added task). */
  from?: { date: string; dateLabel: string; person: string | null };
  to?: { date: string; dateLabel: string; person: string | null };
}

/** What the change does to one client's checklist. Only the client's name: never contact data. */
export interface ClientImpact {
  client: { id: string; name: string };
  end: string;
  endLabel: string;
  items: ImpactItem[];
  /** Why the run could not be compared, if it could not. */
  error?: string;
}

/** One task in a change to a client's record: which task, and the day its record gives. */
export interface RecordedTask {
  /** `<sop-id>#<item-id>`. */
  globalId: string;
  task: string;
  /** The day the record says it was done (the head's; the base's for an undone record). */
  on: string;
  onLabel: string;
}

/**
 * What one person's records for one client did in this change: tasks recorded done, records undone,
 * dates changed, records taken over from someone else. Notes and answers are client data: a change to
 * them is counted (`details`), never shown.
 */
export interface RecordChange {
  client: { id: string; name: string };
  person: { id: string; name: string };
  recorded: RecordedTask[];
  /** Records by this person that the change removes. */
  undone: RecordedTask[];
  /** Same person, another day. */
  redated: (RecordedTask & { from: string; fromLabel: string })[];
  /** Now recorded by this person, before by someone else. */
  reassigned: (RecordedTask & { fromPerson: { id: string; name: string } })[];
  /** Tasks whose note or answer changed (not shown). */
  details: RecordedTask[];
}

/** Which version a side of the diff is. */
export interface VersionLabel {
  /** What the user asked for (`origin/main`, `HEAD~1`), or `working tree`. */
  ref: string;
  /** The commit, when the side is one. */
  commit: string | null;
}

export interface DiffReport {
  base: VersionLabel;
  head: VersionLabel;
  sops: SopChange[];
  emails: EmailChange[];
  playbooks: PlaybookChange[];
  company: FieldChange[];
  roles: SettingChange[];
  people: SettingChange[];
  phases: SettingChange[];
  /** Phase order, when it changed. */
  phaseOrder: FieldChange | null;
  clients: SettingChange[];
  /** The clients' shared records (`done:`), one entry per person and client, by client then person. */
  records: RecordChange[];
  /** Null when impact was not computed (the `/changes/` page). */
  impact: {
    today: string;
    todayLabel: string;
    /** Clients whose contract ends today or later (present in both versions). */
    activeClients: number;
    affected: ClientImpact[];
  } | null;
}
