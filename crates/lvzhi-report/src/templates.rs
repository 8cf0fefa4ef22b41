//! Report templates (minijinja, Jinja-compatible syntax).
//!
//! The defaults are compiled into the crate. An office copies them with
//! [`Templates::write_defaults`], edits the copies and loads the folder with
//! [`Templates::from_dir`]. Escaping follows the template's file name:
//! `*.html.j2` escapes for HTML, `*.md.j2` escapes for Markdown; data can
//! never add markup in either.

use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior, Value};

use crate::chart::category_chart_svg;
use crate::data::ReportData;
use crate::error::ReportError;
use crate::text::escape_markdown;

/// The HTML template's file name.
pub const HTML_TEMPLATE: &str = "report.html.j2";
/// The Markdown template's file name.
pub const MARKDOWN_TEMPLATE: &str = "report.md.j2";

/// The templates compiled into the crate: `(file name, source)`.
pub const DEFAULTS: [(&str, &str); 2] = [
    (HTML_TEMPLATE, include_str!("../templates/report.html.j2")),
    (MARKDOWN_TEMPLATE, include_str!("../templates/report.md.j2")),
];

/// A set of report templates ready to render.
#[derive(Debug, Clone)]
pub struct Templates {
    env: Environment<'static>,
}

impl Default for Templates {
    fn default() -> Self {
        Templates::builtin()
    }
}

impl Templates {
    /// The default templates shipped in the crate.
    pub fn builtin() -> Templates {
        let mut env = environment();
        for (name, source) in DEFAULTS {
            // The defaults are tested; a syntax error in them is a bug of this crate.
            env.add_template(name, source).expect("the built-in templates parse");
        }
        Templates { env }
    }

    /// The defaults, overridden by every `*.j2` file in `dir` (not
    /// recursive). A folder holding only `report.html.j2` changes the HTML
    /// and keeps the default Markdown. Other `*.j2` files can be included
    /// or extended from the main ones (`{% include "header.html.j2" %}`).
    pub fn from_dir(dir: &Path) -> Result<Templates, ReportError> {
        let mut templates = Templates::builtin();
        let read_err = |path: &Path, source| ReportError::TemplateDir { path: path.to_path_buf(), source };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| read_err(dir, e))?
            .map(|entry| entry.map(|e| e.path()).map_err(|e| read_err(dir, e)))
            .collect::<Result<_, _>>()?;
        paths.sort();
        for path in paths {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
            if !name.ends_with(".j2") || !path.is_file() {
                continue;
            }
            let source = std::fs::read_to_string(&path).map_err(|e| read_err(&path, e))?;
            templates
                .env
                .add_template_owned(name.to_string(), source)
                .map_err(|e| ReportError::template(name, &e))?;
        }
        Ok(templates)
    }

    /// Writes the default templates into `dir` (created if missing) for an
    /// office to edit; returns the files written. Existing files are
    /// overwritten.
    pub fn write_defaults(dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
        let write_err = |path: &Path, source| ReportError::Write { path: path.to_path_buf(), source };
        std::fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
        DEFAULTS
            .iter()
            .map(|(name, source)| {
                let path = dir.join(name);
                std::fs::write(&path, source).map_err(|e| write_err(&path, e))?;
                Ok(path)
            })
            .collect()
    }

    /// Renders template `name` with the report's fields as top-level
    /// variables, plus `chart_svg` (the category chart as SVG markup, or
    /// none).
    pub fn render(&self, name: &str, data: &ReportData) -> Result<String, ReportError> {
        let template = self.env.get_template(name).map_err(|e| ReportError::template(name, &e))?;
        let chart = data.score.as_ref().and_then(category_chart_svg).map(Value::from_safe_string);
        let ctx = minijinja::context! { chart_svg => chart, ..Value::from_serialize(data) };
        template.render(ctx).map_err(|e| ReportError::template(name, &e))
    }

    /// Renders the HTML report.
    pub fn render_html(&self, data: &ReportData) -> Result<String, ReportError> {
        self.render(HTML_TEMPLATE, data)
    }

    /// Renders the Markdown report.
    pub fn render_markdown(&self, data: &ReportData) -> Result<String, ReportError> {
        self.render(MARKDOWN_TEMPLATE, data)
    }
}

/// The escape mode of Markdown templates.
const MARKDOWN: AutoEscape = AutoEscape::Custom("markdown");

fn auto_escape(name: &str) -> AutoEscape {
    let base = name.strip_suffix(".j2").unwrap_or(name);
    if base.ends_with(".md") || base.ends_with(".markdown") {
        MARKDOWN
    } else {
        minijinja::default_auto_escape_callback(name)
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_auto_escape_callback(auto_escape);
    env.set_formatter(format_value);
    env.add_filter("cn_date", cn_date);
    env.add_filter("md", md_filter);
    env.set_keep_trailing_newline(true);
    env
}

/// Prints `none` as nothing in every format, escapes for Markdown in
/// Markdown templates, and leaves everything else to minijinja.
fn format_value(out: &mut minijinja::Output, state: &State, value: &Value) -> Result<(), Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    if state.auto_escape() == MARKDOWN && !value.is_safe() {
        let text = escape_markdown(&value.to_string());
        return out.write_str(&text).map_err(Error::from);
    }
    minijinja::escape_formatter(out, state, value)
}

/// `{{ x | md }}`: Markdown-escapes a value explicitly (for a Markdown
/// template whose auto-escaping was turned off with `{% autoescape false %}`).
fn md_filter(value: &Value) -> Value {
    if value.is_safe() {
        value.clone()
    } else {
        Value::from_safe_string(escape_markdown(&value.to_string()))
    }
}

/// `{{ d | cn_date }}`: 2024-03-05 → 2024年3月5日. Other text is returned as is.
fn cn_date(value: &Value) -> Result<Value, Error> {
    let Some(text) = value.as_str() else {
        if value.is_none() || value.is_undefined() {
            return Ok(Value::from(""));
        }
        return Err(Error::new(ErrorKind::InvalidOperation, "cn_date expects a date string"));
    };
    Ok(match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => Value::from(d.format("%Y年%-m月%-d日").to_string()),
        Err(_) => Value::from(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_str(name: &str, source: &str, ctx: Value) -> String {
        let mut env = environment();
        env.add_template_owned(name.to_string(), source.to_string()).unwrap();
        env.get_template(name).unwrap().render(ctx).unwrap()
    }

    #[test]
    fn escaping_follows_the_file_name() {
        let ctx = minijinja::context! { x => "<b>|*a*|</b>", n => Value::from(()) };
        assert_eq!(render_str("a.html.j2", "{{ x }}{{ n }}", ctx.clone()), "&lt;b&gt;|*a*|&lt;&#x2f;b&gt;");
        assert_eq!(render_str("a.md.j2", "{{ x }}{{ n }}", ctx.clone()), "&lt;b&gt;\\|\\*a\\*\\|&lt;/b&gt;");
        assert_eq!(render_str("a.md.j2", "{% autoescape false %}{{ x|md }}{% endautoescape %}", ctx), {
            "&lt;b&gt;\\|\\*a\\*\\|&lt;/b&gt;"
        });
    }

    #[test]
    fn a_misspelt_variable_is_an_error_but_tests_and_inline_ifs_are_not() {
        let mut env = environment();
        let ctx = minijinja::context! { member => minijinja::context! { name => "王芳" } };
        env.add_template("ok.html.j2", "[{{ 1 if false }}][{% if nosuch %}x{% endif %}][{{ member.name }}]")
            .unwrap();
        assert_eq!(env.get_template("ok.html.j2").unwrap().render(ctx.clone()).unwrap(), "[][][王芳]");
        for bad in ["{{ nosuch }}", "{{ member.nmae }}"] {
            env.add_template_owned("bad.html.j2".to_string(), bad.to_string()).unwrap();
            let err = env.get_template("bad.html.j2").unwrap().render(ctx.clone()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::UndefinedError, "{bad}");
        }
    }

    #[test]
    fn cn_date_formats_iso_dates() {
        let ctx = minijinja::context! { d => "2024-03-05", t => "not a date" };
        assert_eq!(
            render_str("d.html.j2", "{{ d|cn_date }} {{ t|cn_date }}", ctx),
            "2024年3月5日 not a date"
        );
    }

    #[test]
    fn from_dir_overrides_one_template_and_reports_errors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(HTML_TEMPLATE), "<p>{{ member.name }}</p>").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let t = Templates::from_dir(dir.path()).unwrap();
        assert!(t.env.get_template(MARKDOWN_TEMPLATE).unwrap().source().contains("member.name"));
        assert_eq!(t.env.get_template(HTML_TEMPLATE).unwrap().source(), "<p>{{ member.name }}</p>");

        std::fs::write(dir.path().join(HTML_TEMPLATE), "{% if %}").unwrap();
        let err = Templates::from_dir(dir.path()).unwrap_err();
        assert!(matches!(err, ReportError::Template { .. }), "{err}");
        let missing = Templates::from_dir(&dir.path().join("nope")).unwrap_err();
        assert!(matches!(missing, ReportError::TemplateDir { .. }), "{missing}");
    }

    #[test]
    fn write_defaults_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let written = Templates::write_defaults(dir.path()).unwrap();
        assert_eq!(written.len(), DEFAULTS.len());
        for (name, source) in DEFAULTS {
            assert_eq!(std::fs::read_to_string(dir.path().join(name)).unwrap(), source);
        }
    }
}
