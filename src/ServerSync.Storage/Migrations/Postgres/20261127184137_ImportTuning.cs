using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ImportTuning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_email_environmentid_receivingmailboxid",
                table: "email",
                columns: new[] { "environmentid", "receivingmailboxid" });

            migrationBuilder.CreateIndex(
                name: "IX_email_statuscode",
                table: "email",
                column: "statuscode");

            // Mail bodies and attachments are most of what the import writes: lz4 compresses them several times
            // faster than PostgreSQL's default pglz. Skipped where the server is built without lz4.
            migrationBuilder.Sql(CompressionSql("lz4"));
        }

        private static string CompressionSql(string method) => $"""
            DO $$ BEGIN
              ALTER TABLE email ALTER COLUMN description SET COMPRESSION {method};
              ALTER TABLE activitymimeattachment ALTER COLUMN body SET COMPRESSION {method};
            EXCEPTION WHEN feature_not_supported THEN NULL;
            END $$;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_email_environmentid_receivingmailboxid",
                table: "email");

            migrationBuilder.DropIndex(
                name: "IX_email_statuscode",
                table: "email");

            migrationBuilder.Sql(CompressionSql("pglz"));
        }
    }
}
