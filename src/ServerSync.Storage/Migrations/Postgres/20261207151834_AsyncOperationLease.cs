using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AsyncOperationLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "hostid",
                table: "asyncoperation",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "itemsfailed",
                table: "asyncoperation",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "itemsprocessed",
                table: "asyncoperation",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "leaseexpireson",
                table: "asyncoperation",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "retrycount",
                table: "asyncoperation",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "hostid",
                table: "asyncoperation");

            migrationBuilder.DropColumn(
                name: "itemsfailed",
                table: "asyncoperation");

            migrationBuilder.DropColumn(
                name: "itemsprocessed",
                table: "asyncoperation");

            migrationBuilder.DropColumn(
                name: "leaseexpireson",
                table: "asyncoperation");

            migrationBuilder.DropColumn(
                name: "retrycount",
                table: "asyncoperation");
        }
    }
}
