//! Text helpers: cleaning data, escaping for Markdown and XML, safe file names.

/// Removes control characters (which XML cannot carry and which break
/// tables) and invisible direction overrides; line breaks and tabs become
/// spaces. Surrounding whitespace is trimmed.
pub fn clean(text: &str) -> String {
    let out: String = text
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() || is_bidi_control(c) || c == '\u{feff}' => None,
            c => Some(c),
        })
        .collect();
    out.trim().to_string()
}

/// Unicode bidirectional formatting characters: they can make a file name or
/// a cell read differently from what it holds.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// 1 → 一, 10 → 十, 14 → 十四, 20 → 二十, 105 → 一百零五 (up to 9999).
pub fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const UNITS: [&str; 4] = ["", "十", "百", "千"];
    if n == 0 || n > 9999 {
        return n.to_string();
    }
    let digits: Vec<u32> = n.to_string().bytes().map(|b| u32::from(b - b'0')).collect();
    let len = digits.len();
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, &d) in digits.iter().enumerate() {
        let unit = len - 1 - i;
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push_str(DIGITS[0]);
            pending_zero = false;
        }
        // 十四, not 一十四, at the head of a two-digit number.
        if !(d == 1 && unit == 1 && len == 2) {
            out.push_str(DIGITS[d as usize]);
        }
        out.push_str(UNITS[unit]);
    }
    out
}

/// Escapes text for Markdown so that it reads as the same plain text: no
/// emphasis, links, images, HTML, code spans, headings, list items or table
/// cells can come from it. Punctuation with an inline meaning is
/// backslash-escaped (CommonMark allows that for any ASCII punctuation), `<`,
/// `>` and `&` become entities, `:` and `www.` are broken so no autolink
/// forms, line breaks become spaces, and the marks that
/// only mean something at the start of a line (`-`, `+`, `#`, `=`, `1.`) are
/// escaped there.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    let mut leading_digits = false;
    while let Some(c) = chars.next() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '#' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if leading_digits && chars.peek().is_none_or(|n| n.is_whitespace()) => {
                out.push('\\');
                out.push(c);
            }
            // `www.` starts an autolink in GitHub's Markdown.
            '.' if out.len() >= 3 && out.as_bytes()[out.len() - 3..].eq_ignore_ascii_case(b"www") => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
        leading_digits = c.is_ascii_digit() && (at_start || leading_digits);
        at_start = false;
    }
    out
}

/// Escapes text for XML and HTML content and attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Names reserved by Windows whatever the extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
    "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The longest file-name stem we write, in bytes (file systems allow 255).
const MAX_STEM_BYTES: usize = 150;

/// Makes one path component from untrusted text. Kept: letters and digits
/// of any script (Chinese names stay readable), `-`, `.`, `~`, `(`, `)`,
/// `（`, `）`. Everything else (path separators, characters Windows forbids,
/// shell and markup characters, spaces, control and direction characters)
/// becomes `_`, runs of `_` and of `.` collapse to one, leading `.`, `_`,
/// `-` go (no hidden files, nothing read as an option), reserved device
/// names get a `_` prefix, and long names are cut at a character boundary.
/// Never returns an empty string, never `.` or `..`.
pub fn safe_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_alphanumeric() || matches!(c, '-' | '.' | '~' | '(' | ')' | '（' | '）') {
            c
        } else {
            '_'
        };
        if (c == '.' || c == '_') && out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    let mut out = out.trim_start_matches(['.', '_', '-']).trim_end_matches(['.', '_']).to_string();
    if out.len() > MAX_STEM_BYTES {
        let mut end = MAX_STEM_BYTES;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        out = out.trim_end_matches(['.', '_']).to_string();
    }
    if out.is_empty() {
        return "_".to_string();
    }
    let base = out.split('.').next().unwrap_or_default().to_ascii_uppercase();
    if RESERVED.contains(&base.as_str()) {
        out.insert(0, '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_chinese() {
        let cases = [(1, "一"), (10, "十"), (14, "十四"), (20, "二十"), (21, "二十一"), (105, "一百零五")];
        for (n, want) in cases {
            assert_eq!(chinese_number(n), want, "{n}");
        }
        assert_eq!(chinese_number(110), "一百一十");
        assert_eq!(chinese_number(1001), "一千零一");
    }

    #[test]
    fn clean_drops_controls_and_bidi() {
        assert_eq!(clean(" 王\u{1}芳\u{202e}\n甲 "), "王芳 甲");
    }

    #[test]
    fn markdown_escapes_structure() {
        assert_eq!(escape_markdown("a|b"), "a\\|b");
        assert_eq!(escape_markdown("[x](javascript:y)"), "\\[x\\](javascript\\:y)");
        assert_eq!(escape_markdown("见 https://a.cn 与 WWW.b.cn"), "见 https\\://a.cn 与 WWW\\.b.cn");
        assert_eq!(escape_markdown("![i](x)"), "!\\[i\\](x)");
        assert_eq!(escape_markdown("<img src=x>"), "&lt;img src=x&gt;");
        assert_eq!(escape_markdown("# h"), "\\# h");
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("12. item"), "12\\. item");
        assert_eq!(escape_markdown("2024-01-10 a-b 1.5"), "2024-01-10 a-b 1.5");
        assert_eq!(escape_markdown("3)"), "3\\)");
        assert_eq!(escape_markdown("**b** `c`\nd"), "\\*\\*b\\*\\* \\`c\\` d");
        assert_eq!(escape_markdown("王芳"), "王芳");
        assert_eq!(escape_markdown("王.芳www."), "王.芳www\\.");
    }

    #[test]
    fn components_are_safe() {
        assert_eq!(safe_component("../../etc/passwd"), "etc_passwd");
        assert_eq!(safe_component("a/b\\c:d"), "a_b_c_d");
        assert_eq!(safe_component("-rf *"), "rf");
        assert_eq!(safe_component("<b>王 芳</b>&amp;`$(x)`"), "b_王_芳_b_amp_(x)");
        assert_eq!(safe_component("=HYPERLINK(\"a\")"), "HYPERLINK(_a_)");
        assert_eq!(safe_component("..."), "_");
        assert_eq!(safe_component("CON"), "_CON");
        assert_eq!(safe_component("nul.txt"), "_nul.txt");
        assert_eq!(safe_component("王\u{202e}芳"), "王_芳");
        let long = "长".repeat(100);
        let cut = safe_component(&long);
        assert!(cut.len() <= MAX_STEM_BYTES && cut.chars().all(|c| c == '长'));
    }
}
