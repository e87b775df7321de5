using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SmtpTransferMarker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "smtptransferstartedon",
                table: "email",
                type: "timestamp with time zone",
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
