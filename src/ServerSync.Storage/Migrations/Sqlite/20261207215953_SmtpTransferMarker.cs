using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmtpTransferMarker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "smtptransferstartedon",
                table: "email",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "smtptransferstartedon",
                table: "email");
        }
    }
}
