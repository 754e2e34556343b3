//! The binary end to end: exit codes and messages.

use std::{fs, path::Path, process::Command};

fn setup() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let config = root.path().join("config.json");
    fs::write(
        &config,
        r#"{"title":"C","site_url":"https://c.example/","data_root":"data/","page_size":2}"#,
    )
    .unwrap();
    let content = root.path().join("posts");
    fs::create_dir(&content).unwrap();
    (root, config, content)
}

fn compile(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_frontera-compile"))
        .args(args)
        .output()
        .unwrap()
}

/// Compiles `content` into `out` with `config`.
fn compile_into(config: &Path, content: &Path, out: &Path) -> std::process::Output {
    compile_with(config, content, out, &[])
}

/// Compiles `n` synthetic posts into `out`, with `more` arguments.
fn synthetic(
    config: &Path,
    n: usize,
    out: &Path,
    more: &[&std::ffi::OsStr],
) -> std::process::Output {
    let n = n.to_string();
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "--config".as_ref(),
        config.as_os_str(),
        "--synthetic".as_ref(),
        n.as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    args.extend_from_slice(more);
    compile(&args)
}

/// [`compile_into`] with more arguments.
fn compile_with(
    config: &Path,
    content: &Path,
    out: &Path,
    more: &[&std::ffi::OsStr],
) -> std::process::Output {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "--config".as_ref(),
        config.as_os_str(),
        "--content".as_ref(),
        content.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    args.extend_from_slice(more);
    compile(&args)
}

/// Compiles `content` into `out`, expecting exit code 1; its standard error.
fn compile_failing(config: &Path, content: &Path, out: &Path) -> String {
    let o = compile_into(config, content, out);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    stderr
}

#[test]
fn bad_file_exits_1_with_file_and_line() {
    let (root, config, content) = setup();
    fs::write(
        content.join("2024-03-15-ok.md"),
        "+++\ntitle = \"Ok\"\ndate = 2024-03-15\n+++\nFine.\n",
    )
    .unwrap();
    fs::write(
        content.join("2024-03-15-x.md"),
        "+++\ntitle = \"X\"\n# a comment\ndate = \"2024-13-01\"\n+++\n",
    )
    .unwrap();
    fs::write(
        content.join("2024-03-16-y.md"),
        "+++\ntitle = \"Y\"\ndate = 2024-03-16\nauthr = \"Ana\"\n+++\n",
    )
    .unwrap();
    let out = root.path().join("data");
    let stderr = compile_failing(&config, &content, &out);
    let x = content.join("2024-03-15-x.md").display().to_string();
    let y = content.join("2024-03-16-y.md").display().to_string();
    assert!(
        stderr.contains(&format!("{x}:4: invalid date \"2024-13-01\"")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{y}:4: unknown field `authr`")),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
    assert_eq!(
        fs::read_dir(root.path()).unwrap().count(),
        2,
        "no temp folder left"
    );
}

#[test]
fn a_post_named_in_capitals_or_a_folder_named_like_one_is_an_error_not_left_out() {
    let (root, config, content) = setup();
    let post = "+++\ntitle = \"Ok\"\ndate = 2024-03-15\n+++\nFine.\n";
    fs::write(content.join("2024-03-15-ok.md"), post).unwrap();
    fs::write(content.join("2024-03-16-upper.MD"), post).unwrap();
    fs::write(content.join("notes.txt"), "not a post").unwrap();
    fs::create_dir(content.join("drafts.md")).unwrap();
    let out = root.path().join("data");
    let stderr = compile_failing(&config, &content, &out);
    let upper = content.join("2024-03-16-upper.MD").display().to_string();
    assert!(
        stderr.contains(&format!(
            "{upper}: not read: a post's file name ends in `.md`"
        )),
        "{stderr}"
    );
    let folder = content.join("drafts.md").display().to_string();
    assert!(
        stderr.contains(&format!("{folder}: a folder named like a post")),
        "{stderr}"
    );
    assert!(!stderr.contains("notes.txt"), "{stderr}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn good_run_prints_a_summary() {
    let (root, config, _) = setup();
    let out = root.path().join("data");
    let o = synthetic(&config, 25, &out, &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("25 posts") && stderr.contains("files") && stderr.contains("bytes"),
        "{stderr}"
    );
    assert!(out.join("home/13.json").is_file() && !out.join("home/14.json").exists());
}

#[test]
fn content_and_synthetic_are_exclusive() {
    let (root, config, content) = setup();
    let o = compile(&[
        "--config".as_ref(),
        config.as_os_str(),
        "--content".as_ref(),
        content.as_os_str(),
        "--synthetic".as_ref(),
        "3".as_ref(),
        "--out".as_ref(),
        root.path().join("d").as_os_str(),
    ]);
    assert!(!o.status.success());
}

#[test]
fn site_root_gets_the_crawl_files() {
    let (root, config, _) = setup();
    let (out, site) = (root.path().join("data"), root.path().join("site"));
    let o = synthetic(
        &config,
        25,
        &out,
        &["--site-root".as_ref(), site.as_os_str()],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("sitemap of "), "{stderr}");
    for name in ["sitemap.xml", "robots.txt", "atom.xml"] {
        assert!(site.join(name).is_file(), "{name}");
    }
}

#[test]
fn bad_site_url_names_the_config_line() {
    let (root, config, content) = setup();
    fs::write(
        &config,
        "{\n  \"title\": \"C\",\n  \"site_url\": \"cronica.example\",\n  \"data_root\": \"data/\"\n}\n",
    )
    .unwrap();
    let stderr = compile_failing(&config, &content, &root.path().join("data"));
    let want = format!(
        "{}:3: site_url \"cronica.example\" must be",
        config.display()
    );
    assert!(stderr.contains(&want), "{stderr}");
}

#[test]
fn labels_that_would_share_a_page_are_an_error_and_spellings_are_not() {
    let (root, config, content) = setup();
    let post = |file: &str, labels: &str| {
        let body = format!(
            "+++\ntitle = \"{file}\"\ndate = 2024-03-15\nlabels = [{labels}]\n+++\nText.\n"
        );
        fs::write(content.join(file), body).unwrap();
    };
    post(
        "2024-03-15-a.md",
        "\"C++\", \"Juárez\", \"Border-Security\"",
    );
    post("2024-03-15-b.md", "\"C#\", \"juarez\", \"border security\"");
    let out = root.path().join("data");
    let stderr = compile_failing(&config, &content, &out);
    assert_eq!(
        stderr.matches("would share one page").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains("label \"C#\" and label \"C++\"")
            || stderr.contains("label \"C++\" and label \"C#\""),
        "{stderr}"
    );
    assert!(stderr.contains("/label/c/"), "{stderr}");
    // Both files by their `labels` line (line 4), as every other error.
    assert!(
        stderr.contains("-a.md:4:") || stderr.contains("-b.md:4:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("-a.md:4)") || stderr.contains("-b.md:4)"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");

    // Renamed, the two are two labels, and the other spellings stay one label each.
    post(
        "2024-03-15-b.md",
        "\"C sharp\", \"juarez\", \"border security\"",
    );
    let o = compile_into(&config, &content, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index = fs::read_to_string(out.join("labels/index.json")).unwrap();
    for slug in ["\"c\"", "\"c-sharp\"", "\"juarez\"", "\"border-security\""] {
        assert_eq!(index.matches(slug).count(), 1, "{slug} in {index}");
    }
}

#[test]
fn drafts_and_posts_dated_after_the_build_are_held_back_and_named() {
    let (root, config, content) = setup();
    let post = |name: &str, date: &str, extra: &str| {
        fs::write(
            content.join(name),
            format!("+++\ntitle = \"{name}\"\ndate = {date}\n{extra}+++\nText.\n"),
        )
        .unwrap();
    };
    post("2026-11-20-out.md", "2026-11-20T08:00:00-07:00", "");
    post(
        "2026-11-21-draft.md",
        "2026-11-21T08:00:00-07:00",
        "draft = true\n",
    );
    post("2026-12-02-later.md", "2026-12-02T08:00:00-07:00", "");
    let (out, site) = (root.path().join("data"), root.path().join("site"));
    let build = |now: &str| {
        let more = [
            "--site-root".as_ref(),
            site.as_os_str(),
            "--now".as_ref(),
            now.as_ref(),
        ];
        compile_with(&config, &content, &out, &more)
    };
    let o = build("2026-12-01T06:00:00-07:00");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("1 posts"), "{stderr}");
    assert!(
        stderr.contains("not published: ") && stderr.contains("2026-11-21-draft.md (draft = true)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2026-12-02-later.md (dated 2026-12-02T08:00:00-07:00, after this build)"),
        "{stderr}"
    );
    let everything = [
        out.join("home/1.json"),
        site.join("atom.xml"),
        site.join("sitemap.xml"),
    ]
    .map(|f| fs::read_to_string(f).unwrap())
    .join("\n");
    assert!(everything.contains("/2026/11/out"));
    assert!(
        !everything.contains("draft") && !everything.contains("later"),
        "{everything}"
    );
    assert!(!out.join("posts/2026/12").exists());
    // The first build after its time publishes it; the draft waits for its line to go.
    let o = build("2026-12-02T08:00:00-07:00");
    assert!(o.status.success());
    assert!(fs::read_to_string(out.join("home/1.json"))
        .unwrap()
        .contains("/2026/12/later"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("draft.md (draft = true)"));
    // A bad time is an error, not "now".
    let o = build("tomorrow");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("--now: "));
}

#[test]
fn a_page_a_phone_would_struggle_with_is_built_with_a_warning() {
    let (root, config, content) = setup();
    let words = "Pasted by mistake. ".repeat(70_000);
    let body = format!("+++\ntitle = \"Huge\"\ndate = 2024-03-15\n+++\n{words}\n");
    fs::write(content.join("2024-03-15-huge.md"), body).unwrap();
    let o = compile_into(&config, &content, &root.path().join("data"));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: ") && stderr.contains(" MB; readers on phones"),
        "{stderr}"
    );
    fs::write(
        content.join("2024-03-15-huge.md"),
        "+++\ntitle = \"Small\"\ndate = 2024-03-15\n+++\nText.\n",
    )
    .unwrap();
    let o = compile_into(&config, &content, &root.path().join("data"));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("warning"));
}

#[test]
fn a_file_name_whose_date_is_not_the_posts_is_said_and_the_post_filed_by_its_date() {
    let (root, config, content) = setup();
    let post = |name: &str, date: &str| {
        let body = format!("+++\ntitle = \"{name}\"\ndate = {date}\n+++\nText.\n");
        fs::write(content.join(name), body).unwrap();
    };
    post("2026-11-23-mismatch.md", "2026-10-01T08:00:00-07:00");
    post("2026-11-20-fine.md", "2026-11-20T23:30:00-07:00");
    post("notes.md", "2026-11-21");
    let out = root.path().join("data");
    let o = compile_into(&config, &content, &out);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert_eq!(stderr.matches("warning: ").count(), 1, "{stderr}");
    assert!(
        stderr.contains("2026-11-23-mismatch.md: the file name says 2026-11-23 but `date` is 2026-10-01T08:00:00-07:00"),
        "{stderr}"
    );
    assert!(out.join("posts/2026/10/mismatch.json").is_file());
}
