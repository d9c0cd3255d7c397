// Names for the synthetic school, drawn from the ONS lists of popular baby names in England and Wales and the
// commonest surnames across the UK's communities, so a demo roster looks like a real English school's.

export const girlsFirstNames = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Ivy', 'Freya', 'Lily', 'Florence', 'Mia', 'Willow', 'Rosie', 'Sophia', 'Isabella', 'Grace', 'Daisy',
  'Sienna', 'Poppy', 'Elsie', 'Emily', 'Ella', 'Evelyn', 'Phoebe', 'Sofia', 'Evie', 'Charlotte', 'Harper', 'Millie', 'Matilda', 'Maya', 'Sophie',
  'Alice', 'Emilia', 'Isabelle', 'Ruby', 'Luna', 'Maisie', 'Aria', 'Penelope', 'Mila', 'Bonnie', 'Eva', 'Hallie', 'Eliza', 'Ada', 'Violet',
  'Esme', 'Arabella', 'Imogen', 'Jessica', 'Delilah', 'Thea', 'Chloe', 'Lucy', 'Hannah', 'Ellie', 'Megan', 'Holly', 'Jasmine', 'Erin', 'Zara',
  'Aisha', 'Fatima', 'Maryam', 'Zainab', 'Khadija', 'Hafsa', 'Inaya', 'Amira', 'Hana', 'Layla', 'Noor', 'Safiya', 'Priya', 'Anaya', 'Diya',
  'Simran', 'Jasleen', 'Harleen', 'Amara', 'Chiamaka', 'Adaeze', 'Ifeoma', 'Nia', 'Zuri', 'Keisha', 'Aaliyah', 'Shanice', 'Zofia', 'Maja', 'Zuzanna',
  'Julia', 'Lena', 'Oliwia', 'Ioana', 'Maria', 'Elena', 'Siobhan', 'Aoife', 'Niamh', 'Ciara', 'Caitlin', 'Ffion', 'Seren', 'Cerys', 'Eilidh',
  'Skye', 'Georgia', 'Abigail', 'Scarlett', 'Lottie', 'Nancy', 'Beatrice', 'Edith', 'Margot', 'Orla', 'Heidi', 'Robyn', 'Leah', 'Amber', 'Molly',
] as const;

export const boysFirstNames = [
  'Muhammad', 'Noah', 'Oliver', 'George', 'Leo', 'Arthur', 'Oscar', 'Theodore', 'Freddie', 'Theo', 'Harry', 'Archie', 'Henry', 'Jack', 'Alfie',
  'Charlie', 'Finley', 'Thomas', 'Jacob', 'William', 'Lucas', 'Isaac', 'Tommy', 'Teddy', 'James', 'Edward', 'Albie', 'Joshua', 'Ezra', 'Max',
  'Reuben', 'Hugo', 'Rory', 'Jude', 'Ronnie', 'Louie', 'Alexander', 'Samuel', 'Benjamin', 'Daniel', 'Joseph', 'Harrison', 'Elijah', 'Ethan', 'Dylan',
  'Mason', 'Logan', 'Jayden', 'Tyler', 'Kai', 'Callum', 'Connor', 'Liam', 'Nathan', 'Ryan', 'Kieran', 'Jamie', 'Lewis', 'Owen', 'Rhys',
  'Dafydd', 'Cian', 'Sean', 'Patrick', 'Aidan', 'Ibrahim', 'Yusuf', 'Ayaan', 'Zayn', 'Adam', 'Ali', 'Omar', 'Hamza', 'Bilal', 'Zakariya',
  'Idris', 'Arjun', 'Rohan', 'Aarav', 'Dev', 'Krish', 'Harjeet', 'Gurpreet', 'Jaskaran', 'Chidi', 'Emeka', 'Tobi', 'Femi', 'Kwame', 'Kofi',
  'Tyrese', 'Marcus', 'Jermaine', 'Kacper', 'Jakub', 'Szymon', 'Filip', 'Mateusz', 'Andrei', 'Luca', 'Matteo', 'Mehmet', 'Emre', 'Stanley', 'Frankie',
  'Sonny', 'Bobby', 'Ralph', 'Otis', 'Jesse', 'Caleb', 'Zachary', 'Sebastian', 'Nathaniel', 'Felix', 'Elliot', 'Toby', 'Ben', 'Sam', 'Harvey',
] as const;

export const surnames = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright',
  'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper',
  'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson',
  'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell',
  'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson',
  'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell', 'Matthews', 'Owen', 'Palmer', 'Holmes',
  'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey', 'Graham',
  'Pearson', 'Ahmed', 'Fletcher', 'Walsh', 'Kaur', 'Gibson', 'Howard', 'Andrews', 'Stewart', 'Elliott', 'Reynolds', 'Saunders', 'Payne', 'Fox',
  'Ford', 'Pearce', 'Day', 'Brooks', 'West', 'Lawrence', 'Cole', 'Atkinson', 'Bradley', 'Spencer', 'Gill', 'Dawson', 'Ball', 'Burton', "O'Brien",
  'Watts', 'Rose', 'Booth', 'Perry', 'Ryan', 'Grant', 'Wells', 'Armstrong', 'Francis', 'Rees', 'Hayes', 'Hart', 'Hudson', 'Newman', 'Barrett',
  'Webster', 'Hunter', 'Gregory', 'Carr', 'Lowe', 'Page', 'Marsh', 'Riley', 'Dunn', 'Woods', 'Parsons', 'Berry', 'Stone', 'Reid', 'Holland',
  'Hawkins', 'Harding', 'Porter', 'Robertson', 'Newton', 'Oliver', 'Reed', 'Kennedy', 'Williamson', 'Bird', 'Gardner', 'Shah', 'Dodd', 'Mahmood',
  'Iqbal', 'Rahman', 'Chowdhury', 'Uddin', 'Miah', 'Akhtar', 'Aziz', 'Mistry', 'Sharma', 'Chauhan', 'Sandhu', 'Dhillon', 'Okafor', 'Adeyemi',
  'Okonkwo', 'Mensah', 'Owusu', 'Boateng', 'Campbell-Brown', 'Nowak', 'Kowalski', 'Wisniewski', 'Lewandowski', 'Popescu', 'Ionescu', 'Yilmaz',
  'Demir', 'McCarthy', 'Byrne', 'Doherty', 'Gallagher', 'McLaughlin', 'Quinn', 'MacDonald', 'Fraser', 'Jones-Evans', 'Ng', 'Chen', 'Nguyen',
] as const;

/** The short forms children are often known by; most keep their legal first name. */
export const preferredForms: Readonly<Record<string, readonly string[]>> = {
  William: ['Will', 'Billy', 'Liam'],
  Alexander: ['Alex', 'Xander', 'Sasha'],
  Thomas: ['Tom', 'Tommy'],
  Benjamin: ['Ben', 'Benji'],
  Joshua: ['Josh'],
  Samuel: ['Sam', 'Sammy'],
  Daniel: ['Dan', 'Danny'],
  Joseph: ['Joe', 'Joey'],
  Edward: ['Ed', 'Eddie', 'Ted'],
  Nathaniel: ['Nate', 'Nathan'],
  Zachary: ['Zach'],
  Sebastian: ['Seb'],
  James: ['Jamie', 'Jim'],
  Muhammad: ['Mo', 'Hamid'],
  Theodore: ['Theo', 'Teddy'],
  Isabella: ['Bella', 'Izzy'],
  Isabelle: ['Izzy', 'Belle'],
  Elizabeth: ['Lizzie', 'Beth'],
  Charlotte: ['Charlie', 'Lottie'],
  Jessica: ['Jess'],
  Abigail: ['Abi', 'Abby'],
  Katherine: ['Kate', 'Katie'],
  Penelope: ['Penny'],
  Matilda: ['Tilly'],
  Margot: ['Margo'],
  Eleanor: ['Ellie', 'Nell'],
  Arabella: ['Bella'],
  Florence: ['Flo', 'Florrie'],
  Oliwia: ['Olivia'],
  Zuzanna: ['Zuza', 'Susie'],
  Chiamaka: ['Chi', 'Amaka'],
  Ifeoma: ['Ife'],
  Adaeze: ['Ada'],
};

/** Titles staff are addressed by; children use them, and they appear in a child's words. */
export const adultTitles = ['Mrs', 'Mr', 'Ms', 'Miss'] as const;
