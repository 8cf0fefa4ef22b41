//! # lvzhi-rules
//!
//! Evaluation rules as data. Every office scores its members under its own
//! published method (履职考评办法 / 积分细则); here a method is a TOML rule
//! file a clerk can read and edit (format: `docs/rules.md`), checked with
//! line and column for every mistake, compiled into matchers over the
//! core's enums, and run over a [`lvzhi_core::Ledger`] in parallel.
//!
//! Every point of a result is explained: a [`Scorecard`] lists each item
//! applied to each activity with its raw points, the points awarded and
//! every adjustment between them (counting rules, caps, floors), then the
//! category subtotals, requirements, flags, grade and ranks. For rankings
//! that need no explanation, [`evaluate_with`] and
//! [`EvaluateOptions::ranking_only`] leave line items out and run faster,
//! and [`evaluate_totals`] gives only totals, subtotals and grades, as
//! columns.
//!
//! The published methods in `shared/domain/rules` ship as presets
//! ([`RuleSet::preset`], [`presets`]).
//!
//! Pure: no file I/O (presets are embedded), no Python.
//!
//! ```
//! use chrono::NaiveDate;
//! use lvzhi_core::*;
//! use lvzhi_rules::{evaluate, Period, RuleSet};
//!
//! let rules = RuleSet::from_toml_str(r#"
//!     [method]
//!     id = "demo"
//!     name = "示例办法"
//!     [[category]]
//!     id = "proposals"
//!     name = "提案"
//!     max = 25
//!     [[item]]
//!     id = "filed"
//!     name = "提案立案"
//!     category = "proposals"
//!     match = { kind = "提案", filed = true, role = "领衔" }
//!     points = 15
//! "#).unwrap();
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
//! let term = Term { number: 10, start: d(1, 1), end: NaiveDate::from_ymd_opt(2028, 12, 31).unwrap() };
//! let mut ledger = Ledger::new(Committee::new("政协某县委员会", Level::County, term));
//! let mut batch = Batch::default();
//! batch.members.push(Member::new("M001", "王芳", "教育界"));
//! for (id, day) in [("P1", 10), ("P2", 20)] {
//!     batch.activities.push(Activity::new(id, "提案", d(1, day), Level::County,
//!         ActivityDetail::Proposal(Proposal {
//!             number: None, form: ProposalForm::Individual, collective_body: None,
//!             status: ProposalStatus::Filed, session: None, handling_units: vec![],
//!             reply_category: None, satisfaction: None, designations: Designations::default(),
//!             forwarded_to: None,
//!         })));
//!     batch.participations.push(ParticipationRecord::new(id, "M001", ParticipantRole::Lead));
//! }
//! ledger.add(batch).unwrap();
//!
//! let result = evaluate(&ledger, &rules, Period::year(2024));
//! let card = result.scorecard(&"M001".into()).unwrap();
//! // 15 + 15 = 30, capped at 25: the second line gives 10.
//! assert_eq!(card.total.to_string(), "25");
//! assert_eq!(card.lines[1].awarded.to_string(), "10");
//! ```

mod book;
mod engine;
mod error;
mod matcher;
mod options;
mod presets;
mod ranking;
mod raw;
mod result;
mod ruleset;
mod vocab;

pub use book::{RuleBook, RuleSource};
pub use engine::{evaluate, evaluate_term, evaluate_totals, evaluate_with, evaluate_with_history};
pub use error::{Problem, RuleError};
pub use lvzhi_core::Period;
pub use options::EvaluateOptions;
pub use presets::{preset_source, presets, PresetInfo};
pub use ranking::{integer_keys, places, ranking, RankIn, Ranking, RankingCategory, RankingRow};
pub use result::{
    Adjustment, CategoryScore, CohortRank, Evaluation, GradeChange, GradeWhy, LineItem, RequirementResult,
    Scorecard, Totals, Why,
};
pub use ruleset::{CategoryInfo, FlagInfo, GradeInfo, GroupInfo, ItemInfo, Method, RequirementInfo, RuleSet};
pub use vocab::{Cohort, GroupPer, LadderOn, Over, Per, PeriodLength, SplitMode};
