//! The guard over raw HTTP, as a hostile page or a script would send requests, and the
//! backups the settings ask for.

use super::*;

#[tokio::test]
async fn without_the_token_or_the_csrf_header_or_under_read_only_nothing_is_served_or_changed() {
    let mut db = TestDb::new(Dialect::Sqlite).await.unwrap();
    let dir = seeded();
    let server = Server::start(&db.url, &dir, &[]);
    let cookie = format!("migrate_ui_token={}", server.token());

    let (status, _, body) = http(&server.base, "GET", "/", &[], "").await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("needs the token"), "{body}");
    let (status, _, _) = http(&server.base, "GET", "/?token=0123456789abcdef0123456789abcdef", &[], "").await;
    assert_eq!(status, 403, "a wrong token is refused");
    let (status, _, _) = http(&server.base, "GET", "/", &[("Cookie", "migrate_ui_token=nope")], "").await;
    assert_eq!(status, 403, "a wrong cookie is refused");
    let (status, head, _) = http(&server.base, "GET", &format!("/?token={}", server.token()), &[], "").await;
    assert_eq!(status, 303);
    assert!(head.contains("HttpOnly") && head.contains("SameSite=Strict"), "{head}");
    let (status, _, page) = http(&server.base, "GET", "/", &[("Cookie", &cookie)], "").await;
    assert_eq!(status, 200);
    let csrf = page.split(r#"X-CSRF-Token&quot;: &quot;"#).nth(1).and_then(|r| r.split("&quot;").next()).unwrap();

    // A cross-site form can carry the cookie (were it not same-site) but not the header.
    let (status, _, body) = http(&server.base, "POST", "/up", &[("Cookie", &cookie)], "to=3").await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("CSRF"), "{body}");
    let (status, _, _) =
        http(&server.base, "POST", "/up", &[("Cookie", &cookie), ("X-CSRF-Token", "wrong")], "to=3").await;
    assert_eq!(status, 403);
    let (status, _, _) = http(&server.base, "POST", "/up", &[("X-CSRF-Token", csrf)], "to=3").await;
    assert_eq!(status, 403, "the CSRF token without the cookie is refused");
    assert_eq!(tables(&mut db).await, Vec::<String>::new(), "nothing applied by a refused request");

    // The same request with both is served: the refusals above are the guard's.
    let (status, _, body) =
        http(&server.base, "POST", "/up", &[("Cookie", &cookie), ("X-CSRF-Token", csrf)], "to=1").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Applied 1 migration"), "{body}");
    assert_eq!(tables(&mut db).await, ["users"]);

    // A file written while the page runs (from the reader's own editor) is listed at once.
    dir.write(4, "add_notes", "CREATE TABLE notes (id integer NOT NULL PRIMARY KEY);", Some("DROP TABLE notes;"));
    let (_, _, page) = http(&server.base, "GET", "/", &[("Cookie", &cookie)], "").await;
    assert!(page.contains("add_notes") && page.contains("4 migrations"), "{page}");
    std::fs::remove_file(dir.path().join("V004_20250114200000_add_notes.sql")).unwrap();

    // The editor writes only files the migrations were read from, whatever the form names.
    let elsewhere = dir.path().join("V009_20250114200000_elsewhere.sql");
    let form = format!("file={}&text=SELECT+1%3B", elsewhere.display());
    let (status, _, body) =
        http(&server.base, "POST", "/migrations/2/save", &[("Cookie", &cookie), ("X-CSRF-Token", csrf)], &form).await;
    assert_eq!(status, 404, "{body}");
    assert!(!elsewhere.exists(), "no file was written where the form said");
    // The editor's bundle is stored gzipped; a client that does not take gzip gets it plain.
    let (status, head, script) = http(&server.base, "GET", "/assets/editor.js", &[("Cookie", &cookie)], "").await;
    assert_eq!(status, 200, "{head}");
    assert!(script.starts_with("/* migrate ui editor: CodeMirror 6"), "{}", &script[..script.len().min(200)]);
    assert!(!head.to_lowercase().contains("content-encoding"), "{head}");
    drop(server);

    let server = Server::start(&db.url, &dir, &["--read-only"]);
    let cookie = format!("migrate_ui_token={}", server.token());
    let (status, _, page) = http(&server.base, "GET", "/", &[("Cookie", &cookie)], "").await;
    assert_eq!(status, 200);
    assert!(page.contains("read-only"), "the page says it is read-only");
    assert!(!page.contains("<button"), "no action is offered read-only:\n{page}");
    let (_, _, view) = http(&server.base, "GET", "/migrations/2", &[("Cookie", &cookie)], "").await;
    assert!(view.contains("CREATE TABLE posts") && !view.contains("<button"), "{view}");
    let csrf = page.split(r#"X-CSRF-Token&quot;: &quot;"#).nth(1).and_then(|r| r.split("&quot;").next()).unwrap();
    let before = catalog(&mut db.conn).await;
    let v2 = dir.path().join("V002_20250114200000_create_posts.sql");
    let v2_text = std::fs::read_to_string(&v2).unwrap();
    let (_, _, editor) = http(&server.base, "GET", "/migrations/2/edit", &[("Cookie", &cookie)], "").await;
    assert!(editor.contains("CREATE TABLE posts") && !editor.contains("<button"), "{editor}");
    let save = format!("file={}&text=DROP+TABLE+users%3B", v2.display());
    let writes = [("/up", "to=3"), ("/down", "to=0&confirm=yes"), ("/dry-run", "to=3"), ("/migrations/2/save", &save)];
    for (path, body) in writes {
        let (status, _, answer) =
            http(&server.base, "POST", path, &[("Cookie", &cookie), ("X-CSRF-Token", csrf)], body).await;
        assert_eq!(status, 403, "{path} under --read-only: {answer}");
        assert!(answer.contains("read-only"), "{answer}");
    }
    assert_eq!(catalog(&mut db.conn).await, before, "read-only changed nothing");
    assert_eq!(std::fs::read_to_string(&v2).unwrap(), v2_text, "read-only wrote no file");
    drop(server);
    db.drop().await;
}

#[tokio::test]
async fn with_backup_in_the_settings_the_page_backs_up_before_it_changes_the_schema() {
    let db = TestDb::new(Dialect::Sqlite).await.unwrap();
    let dir = seeded();
    let settings = dir.path().join("migrate.toml");
    std::fs::write(&settings, "backup = true\nbackup_dir = \"backups\"\n").unwrap();
    let server = Server::start(&db.url, &dir, &["--config", settings.to_str().unwrap()]);
    let cookie = format!("migrate_ui_token={}", server.token());
    let (_, _, page) = http(&server.base, "GET", "/", &[("Cookie", &cookie)], "").await;
    let csrf = page.split(r#"X-CSRF-Token&quot;: &quot;"#).nth(1).and_then(|r| r.split("&quot;").next()).unwrap();
    let headers = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf)];
    // Each backup is its dump and a `.json` that describes it.
    let backups = || {
        let files = std::fs::read_dir(dir.path().join("backups")).map(|d| d.flatten().collect::<Vec<_>>());
        files.unwrap_or_default().iter().filter(|e| e.path().extension().is_some_and(|x| x == "json")).count()
    };

    let (status, _, body) = http(&server.base, "POST", "/up", &headers, "to=2").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Applied 2 migration(s)") && body.contains("Backed up to"), "{body}");
    assert_eq!(backups(), 1);
    let (_, _, body) = http(&server.base, "POST", "/up", &headers, "to=2").await;
    assert!(body.contains("Nothing to apply") && !body.contains("Backed up"), "no backup when nothing changes: {body}");
    assert_eq!(backups(), 1);
    let (_, _, body) = http(&server.base, "POST", "/down", &headers, "to=1&confirm=yes").await;
    assert!(body.contains("Rolled back 1 migration(s)") && body.contains("migrate restore"), "{body}");
    assert_eq!(backups(), 2);
    drop(server);
    db.drop().await;
}
