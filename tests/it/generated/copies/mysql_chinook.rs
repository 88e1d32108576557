use migrate::prelude::*;

#[migration(version = 1013, name = "copy")]
fn copy(s: &mut Schema) {
    s.create_table("Album", |t| {
        t.column::<i32>("AlbumId").auto_increment().primary_key();
        t.column::<String>("Title")
            .max_len(160)
            .collate("utf8mb3_general_ci");
        t.column::<i32>("ArtistId");
        t.index(&["ArtistId"]).name("IFK_AlbumArtistId");
    });
    s.create_table("Artist", |t| {
        t.column::<i32>("ArtistId").auto_increment().primary_key();
        t.column::<Option<String>>("Name")
            .max_len(120)
            .collate("utf8mb3_general_ci");
    });
    s.create_table("Customer", |t| {
        t.column::<i32>("CustomerId").auto_increment().primary_key();
        t.column::<String>("FirstName")
            .max_len(40)
            .collate("utf8mb3_general_ci");
        t.column::<String>("LastName")
            .max_len(20)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("Company")
            .max_len(80)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("Address")
            .max_len(70)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("City")
            .max_len(40)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("State")
            .max_len(40)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("Country")
            .max_len(40)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("PostalCode")
            .max_len(10)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("Phone")
            .max_len(24)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("Fax")
            .max_len(24)
            .collate("utf8mb3_general_ci");
        t.column::<String>("Email")
            .max_len(60)
            .collate("utf8mb3_general_ci");
        t.column::<Option<i32>>("SupportRepId");
        t.index(&["SupportRepId"]).name("IFK_CustomerSupportRepId");
    });
    s.create_table("Employee", |t| {
        t.column::<i32>("EmployeeId").auto_increment().primary_key();
        t.column::<String>("LastName")
            .max_len(20)
            .collate("utf8mb3_general_ci");
        t.column::<String>("FirstName")
            .max_len(20)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("Title")
            .max_len(30)
            .collate("utf8mb3_general_ci");
        t.column::<Option<i32>>("ReportsTo");
        t.column_of_type(
            "BirthDate",
            ColumnType::Native {
                sql: "datetime".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "HireDate",
            ColumnType::Native {
                sql: "datetime".into(),
            },
        )
        .nullable();
        t.column::<Option<String>>("Address")
            .max_len(70)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("City")
            .max_len(40)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("State")
            .max_len(40)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("Country")
            .max_len(40)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("PostalCode")
            .max_len(10)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("Phone")
            .max_len(24)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("Fax")
            .max_len(24)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("Email")
            .max_len(60)
            .collate("utf8mb3_general_ci");
        t.index(&["ReportsTo"]).name("IFK_EmployeeReportsTo");
    });
    s.create_table("Genre", |t| {
        t.column::<i32>("GenreId").auto_increment().primary_key();
        t.column::<Option<String>>("Name")
            .max_len(120)
            .collate("utf8mb3_general_ci");
    });
    s.create_table("Invoice", |t| {
        t.column::<i32>("InvoiceId").auto_increment().primary_key();
        t.column::<i32>("CustomerId");
        t.column_of_type(
            "InvoiceDate",
            ColumnType::Native {
                sql: "datetime".into(),
            },
        );
        t.column::<Option<String>>("BillingAddress")
            .max_len(70)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("BillingCity")
            .max_len(40)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("BillingState")
            .max_len(40)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("BillingCountry")
            .max_len(40)
            .collate("utf8mb3_general_ci");
        t.column::<Option<String>>("BillingPostalCode")
            .max_len(10)
            .collate("utf8mb3_general_ci");
        t.column::<Decimal<10, 2>>("Total");
        t.index(&["CustomerId"]).name("IFK_InvoiceCustomerId");
    });
    s.create_table("InvoiceLine", |t| {
        t.column::<i32>("InvoiceLineId")
            .auto_increment()
            .primary_key();
        t.column::<i32>("InvoiceId");
        t.column::<i32>("TrackId");
        t.column::<Decimal<10, 2>>("UnitPrice");
        t.column::<i32>("Quantity");
        t.index(&["InvoiceId"]).name("IFK_InvoiceLineInvoiceId");
        t.index(&["TrackId"]).name("IFK_InvoiceLineTrackId");
    });
    s.create_table("MediaType", |t| {
        t.column::<i32>("MediaTypeId")
            .auto_increment()
            .primary_key();
        t.column::<Option<String>>("Name")
            .max_len(120)
            .collate("utf8mb3_general_ci");
    });
    s.create_table("Playlist", |t| {
        t.column::<i32>("PlaylistId").auto_increment().primary_key();
        t.column::<Option<String>>("Name")
            .max_len(120)
            .collate("utf8mb3_general_ci");
    });
    s.create_table("PlaylistTrack", |t| {
        t.column::<i32>("PlaylistId");
        t.column::<i32>("TrackId");
        t.primary_key(&["PlaylistId", "TrackId"]);
        t.index(&["PlaylistId"]).name("IFK_PlaylistTrackPlaylistId");
        t.index(&["TrackId"]).name("IFK_PlaylistTrackTrackId");
    });
    s.create_table("Track", |t| {
        t.column::<i32>("TrackId").auto_increment().primary_key();
        t.column::<String>("Name")
            .max_len(200)
            .collate("utf8mb3_general_ci");
        t.column::<Option<i32>>("AlbumId");
        t.column::<i32>("MediaTypeId");
        t.column::<Option<i32>>("GenreId");
        t.column::<Option<String>>("Composer")
            .max_len(220)
            .collate("utf8mb3_general_ci");
        t.column::<i32>("Milliseconds");
        t.column::<Option<i32>>("Bytes");
        t.column::<Decimal<10, 2>>("UnitPrice");
        t.index(&["AlbumId"]).name("IFK_TrackAlbumId");
        t.index(&["GenreId"]).name("IFK_TrackGenreId");
        t.index(&["MediaTypeId"]).name("IFK_TrackMediaTypeId");
    });
    s.add_foreign_key("Album", &["ArtistId"], "Artist", &["ArtistId"])
        .name("FK_AlbumArtistId")
        .on_delete(NoAction)
        .on_update(NoAction);
    s.add_foreign_key("Customer", &["SupportRepId"], "Employee", &["EmployeeId"])
        .name("FK_CustomerSupportRepId")
        .on_delete(NoAction)
        .on_update(NoAction);
    s.add_foreign_key("Employee", &["ReportsTo"], "Employee", &["EmployeeId"])
        .name("FK_EmployeeReportsTo")
        .on_delete(NoAction)
        .on_update(NoAction);
    s.add_foreign_key("Invoice", &["CustomerId"], "Customer", &["CustomerId"])
        .name("FK_InvoiceCustomerId")
        .on_delete(NoAction)
        .on_update(NoAction);
    s.add_foreign_key("InvoiceLine", &["InvoiceId"], "Invoice", &["InvoiceId"])
        .name("FK_InvoiceLineInvoiceId")
        .on_delete(NoAction)
        .on_update(NoAction);
    s.add_foreign_key("InvoiceLine", &["TrackId"], "Track", &["TrackId"])
        .name("FK_InvoiceLineTrackId")
        .on_delete(NoAction)
        .on_update(NoAction);
    s.add_foreign_key(
        "PlaylistTrack",
        &["PlaylistId"],
        "Playlist",
        &["PlaylistId"],
    )
    .name("FK_PlaylistTrackPlaylistId")
    .on_delete(NoAction)
    .on_update(NoAction);
    s.add_foreign_key("PlaylistTrack", &["TrackId"], "Track", &["TrackId"])
        .name("FK_PlaylistTrackTrackId")
        .on_delete(NoAction)
        .on_update(NoAction);
    s.add_foreign_key("Track", &["AlbumId"], "Album", &["AlbumId"])
        .name("FK_TrackAlbumId")
        .on_delete(NoAction)
        .on_update(NoAction);
    s.add_foreign_key("Track", &["GenreId"], "Genre", &["GenreId"])
        .name("FK_TrackGenreId")
        .on_delete(NoAction)
        .on_update(NoAction);
    s.add_foreign_key("Track", &["MediaTypeId"], "MediaType", &["MediaTypeId"])
        .name("FK_TrackMediaTypeId")
        .on_delete(NoAction)
        .on_update(NoAction);
}
