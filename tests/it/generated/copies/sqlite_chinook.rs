use migrate::prelude::*;

#[migration(version = 1003, name = "copy")]
fn copy(s: &mut Schema) {
    s.create_table("Album", |t| {
        t.column_of_type(
            "AlbumId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "Title",
            ColumnType::Native {
                sql: "NVARCHAR(160)".into(),
            },
        );
        t.column_of_type(
            "ArtistId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        );
        t.index(&["ArtistId"]).name("IFK_AlbumArtistId");
    });
    s.create_table("Artist", |t| {
        t.column_of_type(
            "ArtistId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "Name",
            ColumnType::Native {
                sql: "NVARCHAR(120)".into(),
            },
        )
        .nullable();
    });
    s.create_table("Customer", |t| {
        t.column_of_type(
            "CustomerId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "FirstName",
            ColumnType::Native {
                sql: "NVARCHAR(40)".into(),
            },
        );
        t.column_of_type(
            "LastName",
            ColumnType::Native {
                sql: "NVARCHAR(20)".into(),
            },
        );
        t.column_of_type(
            "Company",
            ColumnType::Native {
                sql: "NVARCHAR(80)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Address",
            ColumnType::Native {
                sql: "NVARCHAR(70)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "City",
            ColumnType::Native {
                sql: "NVARCHAR(40)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "State",
            ColumnType::Native {
                sql: "NVARCHAR(40)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Country",
            ColumnType::Native {
                sql: "NVARCHAR(40)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "PostalCode",
            ColumnType::Native {
                sql: "NVARCHAR(10)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Phone",
            ColumnType::Native {
                sql: "NVARCHAR(24)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Fax",
            ColumnType::Native {
                sql: "NVARCHAR(24)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Email",
            ColumnType::Native {
                sql: "NVARCHAR(60)".into(),
            },
        );
        t.column_of_type(
            "SupportRepId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .nullable();
        t.index(&["SupportRepId"]).name("IFK_CustomerSupportRepId");
    });
    s.create_table("Employee", |t| {
        t.column_of_type(
            "EmployeeId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "LastName",
            ColumnType::Native {
                sql: "NVARCHAR(20)".into(),
            },
        );
        t.column_of_type(
            "FirstName",
            ColumnType::Native {
                sql: "NVARCHAR(20)".into(),
            },
        );
        t.column_of_type(
            "Title",
            ColumnType::Native {
                sql: "NVARCHAR(30)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "ReportsTo",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "BirthDate",
            ColumnType::Native {
                sql: "DATETIME".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "HireDate",
            ColumnType::Native {
                sql: "DATETIME".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Address",
            ColumnType::Native {
                sql: "NVARCHAR(70)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "City",
            ColumnType::Native {
                sql: "NVARCHAR(40)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "State",
            ColumnType::Native {
                sql: "NVARCHAR(40)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Country",
            ColumnType::Native {
                sql: "NVARCHAR(40)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "PostalCode",
            ColumnType::Native {
                sql: "NVARCHAR(10)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Phone",
            ColumnType::Native {
                sql: "NVARCHAR(24)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Fax",
            ColumnType::Native {
                sql: "NVARCHAR(24)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Email",
            ColumnType::Native {
                sql: "NVARCHAR(60)".into(),
            },
        )
        .nullable();
        t.index(&["ReportsTo"]).name("IFK_EmployeeReportsTo");
    });
    s.create_table("Genre", |t| {
        t.column_of_type(
            "GenreId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "Name",
            ColumnType::Native {
                sql: "NVARCHAR(120)".into(),
            },
        )
        .nullable();
    });
    s.create_table("Invoice", |t| {
        t.column_of_type(
            "InvoiceId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "CustomerId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        );
        t.column_of_type(
            "InvoiceDate",
            ColumnType::Native {
                sql: "DATETIME".into(),
            },
        );
        t.column_of_type(
            "BillingAddress",
            ColumnType::Native {
                sql: "NVARCHAR(70)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "BillingCity",
            ColumnType::Native {
                sql: "NVARCHAR(40)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "BillingState",
            ColumnType::Native {
                sql: "NVARCHAR(40)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "BillingCountry",
            ColumnType::Native {
                sql: "NVARCHAR(40)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "BillingPostalCode",
            ColumnType::Native {
                sql: "NVARCHAR(10)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Total",
            ColumnType::Native {
                sql: "NUMERIC(10,2)".into(),
            },
        );
        t.index(&["CustomerId"]).name("IFK_InvoiceCustomerId");
    });
    s.create_table("InvoiceLine", |t| {
        t.column_of_type(
            "InvoiceLineId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "InvoiceId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        );
        t.column_of_type(
            "TrackId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        );
        t.column_of_type(
            "UnitPrice",
            ColumnType::Native {
                sql: "NUMERIC(10,2)".into(),
            },
        );
        t.column_of_type(
            "Quantity",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        );
        t.index(&["TrackId"]).name("IFK_InvoiceLineTrackId");
        t.index(&["InvoiceId"]).name("IFK_InvoiceLineInvoiceId");
    });
    s.create_table("MediaType", |t| {
        t.column_of_type(
            "MediaTypeId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "Name",
            ColumnType::Native {
                sql: "NVARCHAR(120)".into(),
            },
        )
        .nullable();
    });
    s.create_table("Playlist", |t| {
        t.column_of_type(
            "PlaylistId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "Name",
            ColumnType::Native {
                sql: "NVARCHAR(120)".into(),
            },
        )
        .nullable();
    });
    s.create_table("PlaylistTrack", |t| {
        t.column_of_type(
            "PlaylistId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        );
        t.column_of_type(
            "TrackId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        );
        t.primary_key(&["PlaylistId", "TrackId"]);
        t.index(&["TrackId"]).name("IFK_PlaylistTrackTrackId");
        t.index(&["PlaylistId"]).name("IFK_PlaylistTrackPlaylistId");
    });
    s.create_table("Track", |t| {
        t.column_of_type(
            "TrackId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "Name",
            ColumnType::Native {
                sql: "NVARCHAR(200)".into(),
            },
        );
        t.column_of_type(
            "AlbumId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "MediaTypeId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        );
        t.column_of_type(
            "GenreId",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Composer",
            ColumnType::Native {
                sql: "NVARCHAR(220)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "Milliseconds",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        );
        t.column_of_type(
            "Bytes",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "UnitPrice",
            ColumnType::Native {
                sql: "NUMERIC(10,2)".into(),
            },
        );
        t.index(&["MediaTypeId"]).name("IFK_TrackMediaTypeId");
        t.index(&["GenreId"]).name("IFK_TrackGenreId");
        t.index(&["AlbumId"]).name("IFK_TrackAlbumId");
    });
    s.add_foreign_key("Album", &["ArtistId"], "Artist", &["ArtistId"])
        .name("Album_ArtistId_fkey0");
    s.add_foreign_key("Customer", &["SupportRepId"], "Employee", &["EmployeeId"])
        .name("Customer_SupportRepId_fkey0");
    s.add_foreign_key("Employee", &["ReportsTo"], "Employee", &["EmployeeId"])
        .name("Employee_ReportsTo_fkey0");
    s.add_foreign_key("Invoice", &["CustomerId"], "Customer", &["CustomerId"])
        .name("Invoice_CustomerId_fkey0");
    s.add_foreign_key("InvoiceLine", &["InvoiceId"], "Invoice", &["InvoiceId"])
        .name("InvoiceLine_InvoiceId_fkey1");
    s.add_foreign_key("InvoiceLine", &["TrackId"], "Track", &["TrackId"])
        .name("InvoiceLine_TrackId_fkey0");
    s.add_foreign_key(
        "PlaylistTrack",
        &["PlaylistId"],
        "Playlist",
        &["PlaylistId"],
    )
    .name("PlaylistTrack_PlaylistId_fkey1");
    s.add_foreign_key("PlaylistTrack", &["TrackId"], "Track", &["TrackId"])
        .name("PlaylistTrack_TrackId_fkey0");
    s.add_foreign_key("Track", &["AlbumId"], "Album", &["AlbumId"])
        .name("Track_AlbumId_fkey2");
    s.add_foreign_key("Track", &["GenreId"], "Genre", &["GenreId"])
        .name("Track_GenreId_fkey1");
    s.add_foreign_key("Track", &["MediaTypeId"], "MediaType", &["MediaTypeId"])
        .name("Track_MediaTypeId_fkey0");
}
