//! The pages that write, in Chromium: the editor, the wizard, the schema diff, recovery,
//! reset and fresh; the files and the catalog checked after each.

use super::*;

/// Replace the editor's text, as a paste does.
pub(super) async fn set_editor(client: &Client, text: &str) {
    client
        .execute(
            "const v = document.getElementById('text').editor; \
             v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: arguments[0] } });",
            vec![serde_json::json!(text)],
        )
        .await
        .unwrap();
}

pub(super) async fn editor_text(client: &Client) -> String {
    let text = client.execute("return document.getElementById('text').editor.state.doc.toString();", vec![]);
    text.await.unwrap().as_str().unwrap().to_owned()
}

/// The editor on V002 (pending) and V001 (applied): a typed mistake marked on its line,
/// a file that would not load refused on save and left as it was, the format button, a
/// save that `up` then applies, and the checksum consequences of saving an applied one.
pub(super) async fn edit_and_save(client: &Client, server: &Server, dir: &Dir, db: &mut TestDb, shots: &Shots) {
    let dialect = db.conn.dialect();
    let v2 = dir.path().join("V002_20250114200000_create_posts.sql");
    let original = std::fs::read_to_string(&v2).unwrap();
    client.goto(&format!("{}/migrations/2/edit", server.base)).await.unwrap();
    until(client, "document.querySelector('.cm-editor .cm-content') && document.getElementById('text').editor").await;
    assert_eq!(editor_text(client).await, original, "the editor holds the file as it is on disk");

    // Typed at the start of line 4, the UP statement's line: a table that will not exist.
    client
        .execute(
            "const v = document.getElementById('text').editor; \
             v.dispatch({ selection: { anchor: v.state.doc.line(4).from } }); v.focus();",
            vec![],
        )
        .await
        .unwrap();
    client
        .find(Locator::Css(".cm-content"))
        .await
        .unwrap()
        .send_keys("ALTER TABLE nowhere ADD COLUMN x integer; ")
        .await
        .unwrap();
    until(client, "document.querySelector('.cm-lintRange-error')").await;
    let marked_line = client
        .execute(
            "return Array.from(document.querySelectorAll('.cm-line')).findIndex(l => l.querySelector('.cm-lintRange-error')) + 1;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(marked_line.as_u64(), Some(4), "the problem is marked on the line it is on");
    let said = client.find(Locator::Css("#validation")).await.unwrap().text().await.unwrap();
    assert!(said.starts_with("1 problem(s)") && said.contains("line 4: ") && said.contains("nowhere"), "{said}");
    shots.take(client, "8-editor-problem").await;

    // A dependency on a version that does not exist: the migrations would not load.
    set_editor(
        client,
        &original.replace("-- Migration: create_posts", "-- Migration: create_posts\n-- Dependencies: V009"),
    )
    .await;
    client.find(Locator::Css("#editor button[type=submit]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .error')").await;
    let refused = client.find(Locator::Css("#result .error")).await.unwrap().text().await.unwrap();
    assert!(refused.starts_with("not saved:") && refused.contains("9"), "{refused}");
    assert_eq!(std::fs::read_to_string(&v2).unwrap(), original, "a refused save leaves the file as it was");

    // Lower case, one line: the format button writes it as the parser does; then saved.
    let edited = "-- Migration: create_posts\n\n-- === UP Migration ===\ncreate table posts (id integer not null primary key, \
                  user_id integer not null references users (id), title varchar(200) not null, body text);\n\n\
                  -- === DOWN Migration ===\ndrop table posts;\n";
    set_editor(client, edited).await;
    client.find(Locator::Css("button[data-format]")).await.unwrap().click().await.unwrap();
    until(client, "document.getElementById('text').editor.state.doc.toString().includes('CREATE TABLE posts')").await;
    let formatted = editor_text(client).await;
    assert!(
        formatted.starts_with("-- Migration: create_posts\n\n-- === UP Migration ===\nCREATE TABLE posts ("),
        "{formatted}"
    );
    assert!(formatted.contains("body TEXT") && formatted.contains("DROP TABLE posts;"), "{formatted}");
    client.find(Locator::Css("#editor button[type=submit]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .ok')").await;
    let saved = client.find(Locator::Css("#result .ok")).await.unwrap().text().await.unwrap();
    assert!(saved.starts_with("Saved ") && saved.contains("checksum"), "{saved}");
    assert_eq!(std::fs::read_to_string(&v2).unwrap(), formatted, "the file on disk is the editor's text");
    shots.take(client, "9-editor-saved").await;

    // Applied from the list, the edited file is what the database gets.
    client.goto(&format!("{}/", server.base)).await.unwrap();
    row_button(client, 2, "Apply up to here").await.click().await.unwrap();
    until(client, "document.querySelector('#result .ok')").await;
    let columns: Vec<String> = catalog(&mut db.conn).await.into_iter().filter(|l| l.starts_with("posts.")).collect();
    assert!(columns.iter().any(|c| c.starts_with("posts.body ")), "{dialect}: {columns:?}");

    // V001 is applied: saving a change first says what it does to the checksum.
    let v1 = dir.path().join("V001_20250114200000_create_users.sql");
    let applied_text = std::fs::read_to_string(&v1).unwrap();
    client.goto(&format!("{}/migrations/1/edit", server.base)).await.unwrap();
    until(client, "document.getElementById('text') && document.getElementById('text').editor").await;
    let warning = client.find(Locator::Css(".warning")).await.unwrap().text().await.unwrap();
    assert!(warning.contains("is applied on this database") && warning.contains("migrate repair"), "{warning}");
    set_editor(client, &applied_text.replace("varchar(200)", "varchar(250)")).await;
    client.find(Locator::Css("#editor button[type=submit]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .confirm')").await;
    let asked = client.find(Locator::Css("#result .confirm")).await.unwrap().text().await.unwrap();
    assert!(asked.contains("was applied with checksum"), "{asked}");
    assert_eq!(std::fs::read_to_string(&v1).unwrap(), applied_text, "nothing is written before the confirmation");
    shots.take(client, "10-editor-applied").await;
    client.find(Locator::Css("#result .confirm button.danger")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .ok')").await;
    assert!(std::fs::read_to_string(&v1).unwrap().contains("varchar(250)"));
    client.goto(&format!("{}/", server.base)).await.unwrap();
    assert!(row_text(client, 1).await.contains("changed"), "{}", row_text(client, 1).await);
    // Put back from the editor: the checksum is the recorded one again, nothing to confirm.
    client.goto(&format!("{}/migrations/1/edit", server.base)).await.unwrap();
    until(client, "document.getElementById('text') && document.getElementById('text').editor").await;
    set_editor(client, &applied_text).await;
    client.find(Locator::Css("#editor button[type=submit]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .ok')").await;
    assert_eq!(std::fs::read_to_string(&v1).unwrap(), applied_text);
    client.goto(&format!("{}/", server.base)).await.unwrap();
    assert!(row_text(client, 1).await.contains("applied"), "{}", row_text(client, 1).await);
}

/// The wizard: a column added from a template, a wrong table said in the preview, the
/// file rehearsed on a scratch copy of the database, then saved and applied.
pub(super) async fn wizard(client: &Client, server: &Server, dir: &Dir, db: &mut TestDb, shots: &Shots) {
    let dialect = db.conn.dialect();
    client.goto(&format!("{}/new", server.base)).await.unwrap();
    client.find(Locator::Css("#name")).await.unwrap().send_keys("add posts summary").await.unwrap();
    client.find(Locator::Css("input[name=method][value=template]")).await.unwrap().click().await.unwrap();
    client.find(Locator::Css("select[name=template]")).await.unwrap().select_by_value("add-column").await.unwrap();
    client.find(Locator::Css("input[name=table]")).await.unwrap().send_keys("nowhere").await.unwrap();
    client.find(Locator::Css("input[name=column]")).await.unwrap().send_keys("summary").await.unwrap();
    client.find(Locator::Css("input[name=type]")).await.unwrap().send_keys("varchar(100)").await.unwrap();
    client.find(Locator::Css("input[name=nullable]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#preview .error') && document.querySelector('#preview .error').textContent.includes('nowhere')").await;
    let table = client.find(Locator::Css("input[name=table]")).await.unwrap();
    table.clear().await.unwrap();
    table.send_keys("posts").await.unwrap();
    until(client, "document.querySelector('#preview code.generated') && document.querySelector('#preview code.generated').textContent.includes('summary')").await;
    let generated = client.find(Locator::Css("#preview code.generated")).await.unwrap().text().await.unwrap();
    assert!(generated.contains("ALTER TABLE") && generated.contains("-- === DOWN Migration ==="), "{generated}");
    let review = client.find(Locator::Css("#preview")).await.unwrap().text().await.unwrap();
    assert!(review.contains("V004"), "{review}");

    client
        .find(Locator::XPath("//button[text()='Validate against the database']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(client, "document.querySelector('#preview .dry')").await;
    let rehearsed = client.find(Locator::Css("#preview .dry")).await.unwrap().text().await.unwrap();
    assert!(rehearsed.contains("accepted every statement"), "{rehearsed}");
    assert!(
        !catalog(&mut db.conn).await.iter().any(|l| l.starts_with("posts.summary")),
        "the rehearsal changed nothing"
    );
    shots.take(client, "11-wizard").await;
    fits(client, 390, 844, "the wizard").await;
    client.set_window_size(1280, 800).await.unwrap();

    client.find(Locator::Css("input[name=apply]")).await.unwrap().click().await.unwrap();
    client.find(Locator::XPath("//button[text()='Save']")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelectorAll('#result .ok').length === 2 || document.querySelector('#result .error')")
        .await;
    let said = client.find(Locator::Css("#result")).await.unwrap().text().await.unwrap();
    assert!(said.contains("Created") && said.contains("Applied 2 migration(s)"), "{said}");
    let written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("V004_") && n.ends_with("_add_posts_summary.sql"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let columns: Vec<String> =
        catalog(&mut db.conn).await.into_iter().filter(|l| l.starts_with("posts.summary")).collect();
    assert_eq!(columns.len(), 1, "{dialect}: the new column is in the catalog");
    shots.take(client, "12-wizard-saved").await;

    // The graph: four migrations in a chain, each after the one before, all applied.
    client.goto(&format!("{}/graph", server.base)).await.unwrap();
    let nodes = client.find_all(Locator::Css("svg circle.node.applied")).await.unwrap();
    assert_eq!(nodes.len(), 4, "{}", main_text(client).await);
    let list = client.find(Locator::Css("ul.dependencies")).await.unwrap().text().await.unwrap();
    assert!(list.contains("V002 create_posts applied after V001") && list.contains("after V003"), "{list}");
    shots.take(client, "13-graph").await;
    fits(client, 390, 844, "the graph").await;
    client.set_window_size(1280, 800).await.unwrap();
}

/// The schema diff viewer on a database changed by hand: a table added, an index
/// dropped; side by side and coloured, exported three ways, and made into a migration.
pub(super) async fn schema_diff(client: &Client, server: &Server, dir: &Dir, db: &mut TestDb, shots: &Shots) {
    let dialect = db.conn.dialect();
    db.conn.execute("CREATE TABLE notes (id integer NOT NULL PRIMARY KEY, body text)").await.unwrap();
    let drop_index = if dialect == Dialect::MySql { "DROP INDEX posts_user ON posts" } else { "DROP INDEX posts_user" };
    db.conn.execute(drop_index).await.unwrap();
    client.goto(&format!("{}/diff?from=migrations&to=database", server.base)).await.unwrap();
    let summary = client.find(Locator::Css("p.summary")).await.unwrap().text().await.unwrap();
    assert!(summary.starts_with("1 added · 1 removed"), "{summary}");
    let added = client.find(Locator::Css("details.table.added")).await.unwrap().text().await.unwrap();
    assert!(added.starts_with("notes") && added.contains("Not on this side."), "{added}");
    let green = client.find_all(Locator::Css("details.table.added .line.added")).await.unwrap().len();
    let html = client.find(Locator::Css("details.table.added")).await.unwrap().html(false).await.unwrap();
    assert!(green >= 2, "the new table's columns are green on the database's side: {html}");
    let posts = client.find(Locator::Css("details.table.changed")).await.unwrap().html(false).await.unwrap();
    let removed =
        client.find(Locator::Css("details.table.changed .line.removed")).await.expect(&posts).text().await.unwrap();
    assert!(removed.contains("posts_user"), "{removed}");
    let same = client.find_all(Locator::Css("details.table.same")).await.unwrap();
    assert!(!same.is_empty() && same[0].attr("open").await.unwrap().is_none(), "unchanged tables are folded");
    shots.take(client, "14-schema-diff").await;
    fits(client, 390, 844, "the schema diff").await;
    client.set_window_size(1280, 800).await.unwrap();

    let sql = fetched(client, "/diff/export?from=migrations&to=database&format=sql").await;
    assert!(sql.contains("CREATE TABLE") && sql.contains("notes") && sql.contains("DROP INDEX"), "{sql}");
    let json: serde_json::Value =
        serde_json::from_str(&fetched(client, "/diff/export?from=migrations&to=database&format=json").await).unwrap();
    assert_eq!(json["changes"].as_array().unwrap().len(), 2, "{json}");
    let standalone = fetched(client, "/diff/export?from=migrations&to=database&format=html").await;
    assert!(standalone.contains("<style>") && !standalone.contains("<script") && standalone.contains("notes"));

    client.find(Locator::Css("form.create input[name=name]")).await.unwrap().send_keys("sync notes").await.unwrap();
    client.find(Locator::Css("form.create button")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .ok, #result .error')").await;
    let said = client.find(Locator::Css("#result")).await.unwrap().text().await.unwrap();
    assert!(said.contains("Created") && said.contains("migrate resolve 5 --applied"), "{said}");
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("V005_"))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("notes") && text.contains("posts_user"), "{text}");
    client.goto(&format!("{}/", server.base)).await.unwrap();
    assert!(row_text(client, 5).await.contains("pending"), "{}", row_text(client, 5).await);
}

/// V005 describes what the database already has, so applying it fails; the page's
/// *Recover* says the database kept none of it and records it applied when asked.
pub(super) async fn recover(client: &Client, db: &mut TestDb, shots: &Shots) {
    let dialect = db.conn.dialect();
    let before = catalog(&mut db.conn).await;
    row_button(client, 5, "Apply up to here").await.click().await.unwrap();
    until(client, "document.querySelector('#result .error')").await;
    let said = client.find(Locator::Css("#result .error")).await.unwrap().text().await.unwrap();
    assert!(said.contains("notes"), "{said}");
    assert!(row_text(client, 5).await.contains("failed"), "{}", row_text(client, 5).await);
    row_button(client, 5, "Recover").await.click().await.unwrap();
    until(client, "document.querySelector('#result .confirm')").await;
    let plan = client.find(Locator::Css("#result .confirm")).await.unwrap().text().await.unwrap();
    assert!(plan.contains("Recover V005") && plan.contains("inside a transaction"), "{plan}");
    shots.take(client, "15-recover").await;
    client.find(Locator::XPath("//button[text()='Record it applied']")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .ok')").await;
    let done = client.find(Locator::Css("#result .ok")).await.unwrap().text().await.unwrap();
    assert!(done.contains("V005") && done.contains("recorded applied"), "{done}");
    assert!(row_text(client, 5).await.contains("applied"), "{}", row_text(client, 5).await);
    assert_eq!(catalog(&mut db.conn).await, before, "recording it changed nothing in the database");

    // Reset asks first, listing all five; cancelled, nothing changes.
    client.find(Locator::XPath("//button[starts-with(text(), 'Reset')]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .confirm')").await;
    let preview = client.find(Locator::Css("#result .confirm")).await.unwrap().text().await.unwrap();
    assert!(preview.contains("rolls back 5 migration(s)"), "{preview}");
    client.find(Locator::XPath("//button[text()='Cancel']")).await.unwrap().click().await.unwrap();
    assert_eq!(catalog(&mut db.conn).await, before, "the preview rolled nothing back");

    // Fresh: what it drops is read from the database; confirmed, every migration runs again.
    db.conn.execute("CREATE TABLE scratch_by_hand (id integer)").await.unwrap();
    client.find(Locator::XPath("//button[starts-with(text(), 'Fresh')]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .confirm')").await;
    let preview = client.find(Locator::Css("#result .confirm")).await.unwrap().text().await.unwrap();
    assert!(preview.contains("`scratch_by_hand`") && preview.contains("applies the 5 migration(s)"), "{preview}");
    assert!(!preview.contains("schema_migrations"), "the tool's own tables are not listed: {preview}");
    shots.take(client, "16-fresh-preview").await;
    client.find(Locator::XPath("//button[text()='Drop everything and apply']")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result > div.ok, #result > div.error')").await;
    let said = client.find(Locator::Css("#result")).await.unwrap().text().await.unwrap();
    assert!(said.contains("applied 5 migration(s)"), "{said}");
    assert_eq!(tables(db).await, ["notes", "posts", "users"], "{dialect}");
}
