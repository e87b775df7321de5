using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Sqlite
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_email_environmentid_receivingmailboxid",
                table: "email");

            migrationBuilder.DropIndex(
                name: "IX_email_statuscode",
                table: "email");
        }
    }
}
