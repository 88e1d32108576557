//! The workflow on one database in Chromium: the list and its actions, the reading pages,
//! then the pages that write ([`super::writing`]).

use super::writing::*;
use super::*;

/// The whole workflow on one database: list, dry run, apply up to a point (by keyboard),
/// filter, roll back to a point after its preview, the migration view, the timeline and
/// the performance page; the catalog checked after each action.
async fn workflow(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let Some((mut driver, client)) = browser().await else { return };
    let dir = seeded();
    let server = Server::start(&db.url, &dir, &[]);
    let shots = Shots::new(dialect);
    client.set_window_size(1280, 800).await.unwrap();

    client.goto(&server.address).await.unwrap();
    assert_eq!(client.current_url().await.unwrap().query(), None, "the token leaves the address bar");
    let load_ms = client
        .execute("const n = performance.getEntriesByType('navigation')[0]; return n.duration;", vec![])
        .await
        .unwrap();
    eprintln!("{dialect}: the migrations page loaded in {:.0} ms", load_ms.as_f64().unwrap_or(-1.0));
    let text = main_text(&client).await;
    assert!(text.contains("3 migrations; the database is at nothing applied"), "{text}");
    for v in 1..=3 {
        assert!(row_text(&client, v).await.contains("pending"), "{}", row_text(&client, v).await);
    }
    shots.take(&client, "1-migrations-pending").await;
    fits(&client, 1280, 800, "the migrations list").await;
    fits(&client, 390, 844, "the migrations list").await;
    shots.take(&client, "1-migrations-narrow").await;
    client.set_window_size(1280, 800).await.unwrap();

    // The dry run reports what V001..V002 would do and changes nothing.
    row_button(&client, 2, "Dry run").await.click().await.unwrap();
    until(&client, "document.querySelector('#result .dry')").await;
    let report = client.find(Locator::Css("#result .dry")).await.unwrap().text().await.unwrap();
    assert!(report.contains("nothing was changed") && report.contains("V002 create_posts"), "{report}");
    assert!(report.contains("posts"), "the report lists the new table: {report}");
    assert_eq!(tables(&mut db).await, Vec::<String>::new(), "{dialect}: the dry run left nothing");
    shots.take(&client, "2-dry-run").await;

    // Apply up to V003, from the keyboard: focus the button and press Enter.
    row_button(&client, 3, "Apply up to here").await.send_keys("\u{E007}").await.unwrap();
    until(&client, "document.querySelector('#result .ok')").await;
    let said = client.find(Locator::Css("#result .ok")).await.unwrap().text().await.unwrap();
    assert!(said.starts_with("Applied 3 migration(s)"), "{said}");
    assert_eq!(tables(&mut db).await, ["posts", "users"], "{dialect}");
    let indexes = catalog(&mut db.conn).await.into_iter().filter(|l| l.contains("posts_user")).count();
    assert!(indexes > 0, "{dialect}: the index of V003 is in the catalog");
    for v in 1..=3 {
        assert!(row_text(&client, v).await.contains("applied"), "the list was redrawn after the action");
    }
    shots.take(&client, "3-applied").await;

    // Search narrows the list as one types.
    client.find(Locator::Css("input[name=q]")).await.unwrap().send_keys("posts").await.unwrap();
    until(&client, "document.querySelectorAll('#rows tbody tr').length === 2").await;
    client.find(Locator::Css("input[name=q]")).await.unwrap().clear().await.unwrap();
    client.goto(&format!("{}/?status=applied&kind=sql", server.base)).await.unwrap();
    until(&client, "document.querySelectorAll('#rows tbody tr').length === 3").await;

    // Roll back to V001: the preview names what goes, nothing happens until it is confirmed.
    row_button(&client, 1, "Roll back to here").await.click().await.unwrap();
    until(&client, "document.querySelector('#result .confirm')").await;
    let preview = client.find(Locator::Css("#result .confirm")).await.unwrap().text().await.unwrap();
    assert!(preview.contains("rolls back 2 migration(s)"), "{preview}");
    assert!(preview.contains("V003 index_posts_user") && preview.contains("V002 create_posts"), "{preview}");
    assert_eq!(tables(&mut db).await, ["posts", "users"], "{dialect}: the preview rolled nothing back");
    shots.take(&client, "4-rollback-preview").await;
    client.find(Locator::Css("#result .confirm button.danger")).await.unwrap().click().await.unwrap();
    until(&client, "document.querySelector('#result .ok')").await;
    let said = client.find(Locator::Css("#result .ok")).await.unwrap().text().await.unwrap();
    assert!(said.starts_with("Rolled back 2 migration(s)"), "{said}");
    assert_eq!(tables(&mut db).await, ["users"], "{dialect}");
    assert!(row_text(&client, 2).await.contains("rolled back") || row_text(&client, 2).await.contains("pending"));

    // The migration view: metadata, its SQL, its risks from the plan.
    client.goto(&format!("{}/migrations/2", server.base)).await.unwrap();
    let view = main_text(&client).await;
    assert!(view.contains("V002 create_posts") && view.contains("CREATE TABLE posts"), "{view}");
    assert!(view.contains(&format!("UP · {}", dialect.name())) && view.contains("DROP TABLE posts"), "{view}");
    assert!(view.contains("Risks"), "a pending migration shows its plan: {view}");
    let touched = client.find(Locator::Css("ul.touches")).await.unwrap().text().await.unwrap();
    assert!(touched.contains("create table posts"), "{touched}");
    shots.take(&client, "5-migration").await;
    fits(&client, 390, 844, "the migration view").await;
    client.set_window_size(1280, 800).await.unwrap();

    // The timeline: three applied, two rolled back, newest first.
    client.goto(&format!("{}/timeline", server.base)).await.unwrap();
    let events = client.find_all(Locator::Css("ol.timeline li")).await.unwrap();
    assert_eq!(events.len(), 5, "{}", main_text(&client).await);
    let newest = events[0].text().await.unwrap();
    assert!(newest.contains("rolled back V002"), "the last rollback comes first: {newest}");
    let applied = client.find_all(Locator::Css("ol.timeline li.apply")).await.unwrap().len();
    let rolled = client.find_all(Locator::Css("ol.timeline li.rollback")).await.unwrap().len();
    assert_eq!((applied, rolled), (3, 2));
    let shown = client.execute("return document.querySelector('time').textContent;", vec![]).await.unwrap();
    let raw = client.execute("return document.querySelector('time').getAttribute('datetime');", vec![]).await.unwrap();
    let (shown, raw) = (shown.as_str().unwrap(), raw.as_str().unwrap());
    assert_eq!(minute_of_day(shown), (minute_of_day(raw) + 330) % 1440, "shown in Kolkata's time: {shown} for {raw}");
    shots.take(&client, "6-timeline").await;
    fits(&client, 390, 844, "the timeline").await;
    client.set_window_size(1280, 800).await.unwrap();

    client.goto(&format!("{}/performance", server.base)).await.unwrap();
    let perf = main_text(&client).await;
    assert!(perf.contains("Slowest migrations") && perf.contains("V001 create_users"), "{perf}");
    let runs = client.find_all(Locator::Css("span.run.ok")).await.unwrap().len();
    assert!(runs >= 1, "each applied migration shows its runs over time");
    shots.take(&client, "7-performance").await;

    edit_and_save(&client, &server, &dir, &mut db, &shots).await;
    wizard(&client, &server, &dir, &mut db, &shots).await;
    schema_diff(&client, &server, &dir, &mut db, &shots).await;
    recover(&client, &mut db, &shots).await;

    // Loaded again, with the browser and the server warm, as a user reloading it sees it.
    client.goto(&format!("{}/", server.base)).await.unwrap();
    let warm_ms =
        client.execute("return performance.getEntriesByType('navigation')[0].duration;", vec![]).await.unwrap();
    eprintln!("{dialect}: the migrations page loaded again in {:.0} ms", warm_ms.as_f64().unwrap_or(-1.0));

    client.close().await.unwrap();
    let _ = driver.kill();
    let _ = driver.wait();
    drop(server);
    db.drop().await;
}

#[tokio::test]
async fn the_workflow_in_chromium_on_sqlite() {
    workflow(Dialect::Sqlite).await;
}

#[tokio::test]
async fn the_workflow_in_chromium_on_postgres() {
    workflow(Dialect::Postgres).await;
}
