ALTER TABLE events ADD PRIMARY KEY (legacy_id);
