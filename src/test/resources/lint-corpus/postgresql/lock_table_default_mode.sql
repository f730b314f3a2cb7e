lock table orders;
insert into order_archive select * from orders where id = 1;
