//! What an evaluation builds besides the scores.

/// Options of [`crate::evaluate_with`]. `Default` is what [`crate::evaluate`]
/// does: every scorecard fully explained.
///
/// With `explain` off (a ranking-only evaluation, e.g. totals for a
/// national ranking) every scorecard still carries its total, category
/// subtotals (with base and raw), requirement results, flags, band, grade
/// and cohort ranks, identical to an explained evaluation's; left out are
/// only what explains them:
///
/// - [`Scorecard::lines`](crate::Scorecard::lines), the per-activity line
///   items with their adjustments (so [`Evaluation::item_points`](crate::Evaluation::item_points)
///   gives zero and [`Evaluation::explain`](crate::Evaluation::explain) lists no lines),
/// - [`Scorecard::adjustments`](crate::Scorecard::adjustments), the changes to the total
///   (cap, floor, pro-rating),
/// - [`Scorecard::grade_changes`](crate::Scorecard::grade_changes), why a grade is below the band,
/// - [`Evaluation::activities`](crate::Evaluation::activities), the table line items refer to.
///
/// ```
/// use lvzhi_rules::EvaluateOptions;
/// let ranking_only = EvaluateOptions::default().explain(false);
/// assert!(!ranking_only.explains());
/// assert!(EvaluateOptions::default().explains());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EvaluateOptions {
    explain: bool,
}

impl Default for EvaluateOptions {
    fn default() -> Self {
        EvaluateOptions { explain: true }
    }
}

impl EvaluateOptions {
    /// Options with explanations off: see the type's documentation for what
    /// is left out.
    pub fn ranking_only() -> Self {
        EvaluateOptions { explain: false }
    }

    /// Whether scorecards are explained (line items, adjustments, grade
    /// changes); on by default.
    pub fn explain(mut self, on: bool) -> Self {
        self.explain = on;
        self
    }

    /// Whether these options explain scorecards.
    pub fn explains(&self) -> bool {
        self.explain
    }
}
