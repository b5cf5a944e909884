create database availability;
create database booking;
create database customer;
create database calendar_sync;
