use migrate::prelude::*;

#[migration(version = 3, name = "backfill display names")]
async fn backfill(tx: &mut Tx<'_>) -> migrate::Result<()> {
    tx.execute("UPDATE users SET display_name = email WHERE display_name IS NULL").await?;
    Ok(())
}
