use migrate::prelude::*;

#[migration(version = 1023, name = "copy")]
fn copy(s: &mut Schema) {
    s.create_table("album", |t| {
        t.column::<i32>("album_id").serial().primary_key();
        t.column::<String>("title").max_len(160);
        t.column::<i32>("artist_id");
        t.index(&["artist_id"]).name("album_artist_id_idx");
    });
    s.create_table("artist", |t| {
        t.column::<i32>("artist_id").serial().primary_key();
        t.column::<Option<String>>("name").max_len(120);
    });
    s.create_table("customer", |t| {
        t.column::<i32>("customer_id").serial().primary_key();
        t.column::<String>("first_name").max_len(40);
        t.column::<String>("last_name").max_len(20);
        t.column::<Option<String>>("company").max_len(80);
        t.column::<Option<String>>("address").max_len(70);
        t.column::<Option<String>>("city").max_len(40);
        t.column::<Option<String>>("state").max_len(40);
        t.column::<Option<String>>("country").max_len(40);
        t.column::<Option<String>>("postal_code").max_len(10);
        t.column::<Option<String>>("phone").max_len(24);
        t.column::<Option<String>>("fax").max_len(24);
        t.column::<String>("email").max_len(60);
        t.column::<Option<i32>>("support_rep_id");
        t.index(&["support_rep_id"])
            .name("customer_support_rep_id_idx");
    });
    s.create_table("employee", |t| {
        t.column::<i32>("employee_id").serial().primary_key();
        t.column::<String>("last_name").max_len(20);
        t.column::<String>("first_name").max_len(20);
        t.column::<Option<String>>("title").max_len(30);
        t.column::<Option<i32>>("reports_to");
        t.column::<Option<Timestamp>>("birth_date");
        t.column::<Option<Timestamp>>("hire_date");
        t.column::<Option<String>>("address").max_len(70);
        t.column::<Option<String>>("city").max_len(40);
        t.column::<Option<String>>("state").max_len(40);
        t.column::<Option<String>>("country").max_len(40);
        t.column::<Option<String>>("postal_code").max_len(10);
        t.column::<Option<String>>("phone").max_len(24);
        t.column::<Option<String>>("fax").max_len(24);
        t.column::<Option<String>>("email").max_len(60);
        t.index(&["reports_to"]).name("employee_reports_to_idx");
    });
    s.create_table("genre", |t| {
        t.column::<i32>("genre_id").serial().primary_key();
        t.column::<Option<String>>("name").max_len(120);
    });
    s.create_table("invoice", |t| {
        t.column::<i32>("invoice_id").serial().primary_key();
        t.column::<i32>("customer_id");
        t.column::<Timestamp>("invoice_date");
        t.column::<Option<String>>("billing_address").max_len(70);
        t.column::<Option<String>>("billing_city").max_len(40);
        t.column::<Option<String>>("billing_state").max_len(40);
        t.column::<Option<String>>("billing_country").max_len(40);
        t.column::<Option<String>>("billing_postal_code")
            .max_len(10);
        t.column::<Decimal<10, 2>>("total");
        t.index(&["customer_id"]).name("invoice_customer_id_idx");
    });
    s.create_table("invoice_line", |t| {
        t.column::<i32>("invoice_line_id").serial().primary_key();
        t.column::<i32>("invoice_id");
        t.column::<i32>("track_id");
        t.column::<Decimal<10, 2>>("unit_price");
        t.column::<i32>("quantity");
        t.index(&["invoice_id"]).name("invoice_line_invoice_id_idx");
        t.index(&["track_id"]).name("invoice_line_track_id_idx");
    });
    s.create_table("media_type", |t| {
        t.column::<i32>("media_type_id").serial().primary_key();
        t.column::<Option<String>>("name").max_len(120);
    });
    s.create_table("playlist", |t| {
        t.column::<i32>("playlist_id").serial().primary_key();
        t.column::<Option<String>>("name").max_len(120);
    });
    s.create_table("playlist_track", |t| {
        t.column::<i32>("playlist_id");
        t.column::<i32>("track_id");
        t.primary_key(&["playlist_id", "track_id"]);
        t.index(&["playlist_id"])
            .name("playlist_track_playlist_id_idx");
        t.index(&["track_id"]).name("playlist_track_track_id_idx");
    });
    s.create_table("track", |t| {
        t.column::<i32>("track_id").serial().primary_key();
        t.column::<String>("name").max_len(200);
        t.column::<Option<i32>>("album_id");
        t.column::<i32>("media_type_id");
        t.column::<Option<i32>>("genre_id");
        t.column::<Option<String>>("composer").max_len(220);
        t.column::<i32>("milliseconds");
        t.column::<Option<i32>>("bytes");
        t.column::<Decimal<10, 2>>("unit_price");
        t.index(&["album_id"]).name("track_album_id_idx");
        t.index(&["genre_id"]).name("track_genre_id_idx");
        t.index(&["media_type_id"]).name("track_media_type_id_idx");
    });
    s.add_foreign_key("album", &["artist_id"], "artist", &["artist_id"]);
    s.add_foreign_key(
        "customer",
        &["support_rep_id"],
        "employee",
        &["employee_id"],
    );
    s.add_foreign_key("employee", &["reports_to"], "employee", &["employee_id"]);
    s.add_foreign_key("invoice", &["customer_id"], "customer", &["customer_id"]);
    s.add_foreign_key("invoice_line", &["invoice_id"], "invoice", &["invoice_id"]);
    s.add_foreign_key("invoice_line", &["track_id"], "track", &["track_id"]);
    s.add_foreign_key(
        "playlist_track",
        &["playlist_id"],
        "playlist",
        &["playlist_id"],
    );
    s.add_foreign_key("playlist_track", &["track_id"], "track", &["track_id"]);
    s.add_foreign_key("track", &["album_id"], "album", &["album_id"]);
    s.add_foreign_key("track", &["genre_id"], "genre", &["genre_id"]);
    s.add_foreign_key(
        "track",
        &["media_type_id"],
        "media_type",
        &["media_type_id"],
    );
}
