use migrate::prelude::*;

#[migration(version = 1, name = "create users")]
fn create_users(s: &mut Schema) {
    s.create_table("users", |t| {
        t.id("id");
        t.column::<String>("email").max_len(255).unique();
        t.column::<bool>("active").default(true);
        t.column::<Option<i32>>("age").default(Some(3));
        t.column::<Timestamp>("created_at").default_now();
    });
}

fn undo_two(s: &mut Schema) {
    s.drop_table("users");
}

#[migration(version = 2, name = "explicit down", down = undo_two, transaction = false)]
fn two(s: &mut Schema) {
    s.rename_table("users", "people");
}

#[migration(version = 3, name = "data", irreversible, depends_on = [1, 2])]
async fn three(tx: &mut Tx<'_>) -> migrate::Result<()> {
    tx.execute("UPDATE people SET active = TRUE").await?;
    Ok(())
}

fn main() {
    let versions: Vec<u64> = migrate::registered().unwrap().iter().map(|m| m.version).collect();
    assert_eq!(versions, [1, 2, 3]);
    let three = migrate::registered().unwrap().into_iter().find(|m| m.version == 3).unwrap();
    assert_eq!(three.depends_on, [1, 2]);
}
