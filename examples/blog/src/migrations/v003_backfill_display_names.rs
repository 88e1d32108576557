use migrate::prelude::*;

// Rolling it back needs nothing: the column it fills goes away with V1's down.
#[migration(version = 3, name = "backfill display names", irreversible)]
async fn backfill(tx: &mut Tx<'_>) -> migrate::Result<()> {
    tx.execute("UPDATE users SET display_name = email WHERE display_name IS NULL").await?;
    Ok(())
}
