package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.municipal.demo.DemoCity;
import cn.cityops.municipal.demo.DemoLoad;
import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeContract;
import cn.cityops.testkit.NodeProcess;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in headless Chromium against three real nodes (national 100000, 山西 140000, 朔州 140600, own
 * databases {@code cityops_console_*}) with a small demo city loaded into the municipal node: a validation error shown
 * next to its field, the grid map, the whole case loop clicked through by each role, statistics, and a national task
 * fed back from the city console; then the pages of the channels between the levels: a 12319 call taken at the
 * national console becoming a city case and rated, an opinion feed imported (a bad file refused with its row) and
 * handled by the city, an emergency reported and updated by the city and urged from above, and the city reporting
 * status with its chart. Assertions are on what the user sees. Screenshots of the main pages go to
 * {@code docs/screenshots/}.
 */
@Order(6)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final Path WORK = Path.of("target", "console").toAbsolutePath();
    static final Path SHOTS = TestFederation.ROOT.resolve("docs/screenshots");
    static final Duration DELIVERY = Duration.ofSeconds(90);
    static final String PASSWORD = "Demo-2026-cityops";
    static final int GRIDS = 120;
    static final Set<String> STAFF = Set.of("inspector001", "intake01", "shiftlead01", "dispatcher01", "leader01");

    static TestFederation federation;
    static NodeProcess national;
    static NodeProcess provincial;
    static NodeProcess municipal;
    static WebDriver browser;
    static WebDriverWait wait;
    static long caseId;
    static DemoCity.City demo;

    @BeforeAll
    static void start() throws Exception {
        federation = new TestFederation(WORK, "cityops_console_");
        national = federation.start("national", "100000", null, SignatureAlgorithm.SM2_SM3, Map.of());
        provincial = federation.start("provincial", "140000", national.baseUrl(), SignatureAlgorithm.SM2_SM3,
                Map.of());
        municipal = federation.start("municipal", "140600", provincial.baseUrl(), SignatureAlgorithm.SM2_SM3,
                Map.of());
        browser = chromium();
        for (NodeProcess n : List.of(national, provincial, municipal)) {
            n.awaitReady(Duration.ofMinutes(4));
        }
        federation.register(national, "140000", "山西省城市运行管理服务平台", provincial, "HTTP");
        federation.register(national, "140600", "朔州市城市运行管理服务平台", municipal, "HTTP");
        for (NodeProcess n : List.of(provincial, municipal)) {
            federation.awaitDirectory(n, 3, 3, DELIVERY, national, provincial, municipal);
        }
        Path city = WORK.resolve("demo-city");
        demo = DemoCity.build(GRIDS, 0, 140600);
        DemoCity.write(demo, city);
        Files.delete(city.resolve("components.geojson")); // none generated: the import refuses an empty collection
        new DemoLoad(municipal.baseUrl(), NodeContract.ADMIN_PASSWORD).load(city, PASSWORD,
                u -> STAFF.contains(u.getString("username")) || u.getString("username").startsWith("dept-"));
        user(national, "ministry", "部督查员张三", "ministry-supervisor");
        user(municipal, "taskhandler", "市任务办理员王五", "city-task-handler");
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        TestFederation.stop(municipal, provincial, national);
    }

    /** Debian's chromium and chromium-driver (deploy/test.sh installs them), headless at 1366×768. */
    static WebDriver chromium() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,768", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver")).toFile())
                .build();
        ChromeDriver d = new ChromeDriver(service, o);
        wait = new WebDriverWait(d, Duration.ofSeconds(30));
        return d;
    }

    static void user(NodeProcess node, String name, String display, String role) {
        federation.user(node, name, display, role, PASSWORD);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static void login(NodeProcess node, String username) {
        browser.get(node.baseUrl() + "/console/#/login");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        WebElement f = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        f.findElement(By.name("username")).sendKeys(username);
        f.findElement(By.name("password")).sendKeys(PASSWORD);
        f.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), ""));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-page=home]")));
    }

    /** Shows a console route (reloads when it is already shown, so a poll sees fresh data). */
    static void open(NodeProcess node, String route) {
        String url = node.baseUrl() + "/console/#/" + route;
        if (url.equals(browser.getCurrentUrl())) {
            browser.navigate().refresh();
        } else {
            browser.get(url);
        }
    }

    static WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    static void shot(String name) throws Exception {
        Thread.sleep(300); // let Leaflet / Chart.js finish painting (no event for "painted")
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Opens the case as {@code user} and performs the action whose form has data-action={@code action}. */
    static void act(String user, String action, Map<String, String> inputs, String expectedState) {
        login(municipal, user);
        open(municipal, "case/" + caseId);
        WebElement form = visible(By.cssSelector("form.action-form[data-action=" + action + "]"));
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            WebElement in = form.findElement(By.name(e.getKey()));
            in.clear();
            in.sendKeys(e.getValue());
        }
        submit(form);
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), expectedState));
    }

    /** Submits a console form and waits for the page to confirm it; a problem the form shows fails the test. */
    static void submit(WebElement form) {
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> {
            try {
                String error = form.findElement(By.cssSelector(".form-error")).getText();
                assertTrue(error.isEmpty(), "the form shows: " + error);
                return !d.findElements(By.id("flash")).isEmpty() || !d.getCurrentUrl().contains("#/report")
                        && !d.getCurrentUrl().contains("/new");
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true; // the page was re-rendered after success
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void aValidationErrorAppearsNextToTheField() throws Exception {
        browser.get(municipal.baseUrl() + "/console/#/login");
        WebElement f = visible(By.id("login-form"));
        f.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement err = visible(By.cssSelector("#login-form .field[data-field=username] .field-error"));
        assertEquals("required", err.getText());
        shot("login");

        login(municipal, "inspector001");
        assertEquals("监督员", browser.findElement(By.id("user-roles")).getAttribute("textContent"));
        assertTrue(browser.findElement(By.id("user-node")).getAttribute("textContent").contains("140600"));
        open(municipal, "report");
        WebElement report = visible(By.id("report-form"));
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("report-map")), "data-grids"));
        report.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement desc = visible(By.cssSelector("#report-form .field[data-field=description] .field-error"));
        assertTrue(desc.getText().contains("问题描述必填"), desc.getText());
        assertTrue(visible(By.cssSelector("#report-form .field[data-field=lon] .field-error")).getText()
                .contains("位置必填"));
        shot("report-validation");
    }

    @Test
    @Order(2)
    void theMapShowsTheDemoGrid() throws Exception {
        login(municipal, "leader01");
        open(municipal, "map");
        WebElement map = visible(By.id("grid-map"));
        wait.until(ExpectedConditions.attributeToBe(map, "data-grids", String.valueOf(GRIDS)));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("map-info"), GRIDS + " 个单元网格"));
        assertFalse(map.findElements(By.cssSelector(".leaflet-overlay-pane canvas, .leaflet-overlay-pane path"))
                .isEmpty(), "grid polygons drawn");
        shot("grid-map");
    }

    @Test
    @Order(3)
    void eachRoleCompletesTheCaseLoop() throws Exception {
        // the inspector reports at phone width: matter, description, a point picked on the map, a photo
        login(municipal, "inspector001");
        browser.manage().window().setSize(new Dimension(390, 844));
        open(municipal, "report");
        WebElement form = visible(By.id("report-form"));
        WebElement map = browser.findElement(By.id("report-map"));
        wait.until(ExpectedConditions.attributeToBeNotEmpty(map, "data-grids"));
        new Select(form.findElement(By.name("matter"))).selectByValue("06010");
        form.findElement(By.name("description")).sendKeys("人行道暴露垃圾（浏览器测试）");
        form.findElement(By.name("address")).sendKeys("朔城区民福街");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", map);
        new Actions(browser).moveToElement(map).click().perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-where"), "网格"));
        Path photo = WORK.resolve("photo.png");
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(8, 8, 40, 30);
        g.dispose();
        ImageIO.write(img, "png", photo.toFile());
        form.findElement(By.cssSelector("input[type=file]")).sendKeys(photo.toString());
        shot("report-phone");
        submit(form);
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), "待受理"));
        caseId = Long.parseLong(browser.getCurrentUrl().replaceAll(".*#/case/", ""));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".photos img")));
        browser.manage().window().setSize(new Dimension(1366, 768));

        // the intake operator finds it in the workbench queue and accepts it
        login(municipal, "intake01");
        open(municipal, "cases");
        visible(By.xpath("//table//a[@href='#/case/" + caseId + "']"));
        shot("workbench");
        act("intake01", "accept", Map.of(), "待立案");
        act("shiftlead01", "file", Map.of(), "待派遣");

        // the dispatcher sees the routed department preselected (the grid's responsible 综合行政执法队)
        login(municipal, "dispatcher01");
        open(municipal, "case/" + caseId);
        WebElement dispatch = visible(By.cssSelector("form.action-form[data-action=dispatch]"));
        WebElement dept = dispatch.findElement(By.name("department"));
        wait.until(d -> !new Select(dept).getFirstSelectedOption().getAttribute("value").isEmpty());
        String department = new Select(dept).getFirstSelectedOption().getAttribute("value");
        assertTrue(new Select(dept).getFirstSelectedOption().getText().contains("推荐"));
        shot("case-dispatch");
        submit(dispatch);
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), "处置中"));

        act("dept-" + department, "feedback", Map.of("result", "已清理完毕"), "待派发核查");
        act("intake01", "send_check", Map.of("inspector", "inspector001"), "核查中");
        act("inspector001", "pass", Map.of(), "待结案");
        act("shiftlead01", "close", Map.of(), "已结案");
        List<WebElement> history = browser.findElements(By.cssSelector("#case-history li"));
        assertTrue(history.size() >= 7, "history of the loop: " + history.size());
        assertTrue(browser.findElement(By.id("case-actions")).getText().contains("没有"));
        shot("case-closed");
    }

    @Test
    @Order(4)
    void theLeaderReadsStatisticsAndTheHome() throws Exception {
        login(municipal, "leader01");
        shot("home-leader");
        open(municipal, "stats");
        WebElement form = visible(By.id("stats-form"));
        new Select(form.findElement(By.name("by"))).selectByValue("status");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats-table"), "已结案"));
        visible(By.id("stats-csv"));
        shot("statistics");
        open(municipal, "exchange");
        WebElement peers = visible(By.id("peers"));
        assertTrue(peers.getText().contains("140000"), peers.getText());
        shot("exchange");
    }

    @Test
    @Order(5)
    void aNationalTaskIsFedBackFromTheCityConsole() throws Exception {
        login(national, "ministry");
        open(national, "tasks/new");
        WebElement form = visible(By.id("task-form"));
        // a validation problem from the server appears next to its field
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertTrue(visible(By.cssSelector("#task-form .field[data-field=title] .field-error")).isDisplayed());
        form.findElement(By.name("title")).sendKeys("城市道路井盖专项整治（控制台）");
        form.findElement(By.name("content")).sendKeys("排查并整治破损、缺失井盖。");
        form.findElement(By.name("timeLimit")).sendKeys("10工作日");
        form.findElement(By.cssSelector("input[name=targets][value='140600']")).click();
        shot("task-new");
        submit(form);
        wait.until(ExpectedConditions.textToBe(By.id("task-status"), "已下发"));
        String nationalTask = browser.getCurrentUrl().replaceAll(".*#/task/", "");

        // and a notice to the same city, asking for a read receipt
        open(national, "notices/new");
        WebElement notice = visible(By.id("notice-form"));
        notice.findElement(By.name("title")).sendKeys("关于井盖整治工作的情况通报");
        notice.findElement(By.name("content")).sendKeys("各地要对照问题清单逐项整改。");
        notice.findElement(By.cssSelector("input[name=targets][value='140600']")).click();
        submit(notice);
        visible(By.id("notice-reads"));
        String nationalNotice = browser.getCurrentUrl().replaceAll(".*#/notice/", "");

        // the city's task handler finds it (delivered through the province) and feeds it back as completed
        login(municipal, "taskhandler");
        WebDriverWait slow = new WebDriverWait(browser, DELIVERY, Duration.ofSeconds(2));
        slow.until(d -> {
            open(municipal, "tasks");
            return !d.findElements(By.xpath("//table//a[contains(., '井盖专项整治')]")).isEmpty();
        });
        browser.findElement(By.xpath("//table//a[contains(., '井盖专项整治')]")).click();
        WebElement ack = visible(By.id("ack-form"));
        submit(ack);
        wait.until(ExpectedConditions.textToBe(By.id("task-status"), "已签收"));
        WebElement fb = visible(By.id("feedback-form"));
        new Select(fb.findElement(By.name("kind"))).selectByValue("COMPLETION");
        fb.findElement(By.name("percent")).sendKeys("100");
        fb.findElement(By.name("text")).sendKeys("已整治井盖 42 处。");
        shot("task-feedback");
        submit(fb);
        wait.until(ExpectedConditions.textToBe(By.id("task-status"), "已完成"));

        // the notice arrives unread; opening it records the reading
        slow.until(d -> {
            open(municipal, "notices");
            return !d.findElements(By.xpath("//table//tr[contains(., '情况通报') and contains(., '未读')]")).isEmpty();
        });
        shot("notices-received");
        browser.findElement(By.xpath("//table//a[contains(., '情况通报')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "市任务办理员王五"));

        // the ministry's roll-up shows the city at 100 %, and its notice as read
        login(national, "ministry");
        slow.until(d -> {
            open(national, "notice/" + nationalNotice);
            return d.findElement(By.id("notice-reads")).getText().contains("已读");
        });
        shot("notice-reads");
        slow.until(d -> {
            open(national, "task/" + nationalTask);
            List<WebElement> cell = d.findElements(By.cssSelector("#rollup tr[data-node='140600'] td.percent"));
            return !cell.isEmpty() && cell.get(0).getText().equals("100%");
        });
        shot("task-rollup");
    }

    /** Polls {@code route} (reloading it) until {@code condition} holds: packages travel between the nodes. */
    static void poll(NodeProcess node, String route, java.util.function.Predicate<WebDriver> condition) {
        new WebDriverWait(browser, DELIVERY, Duration.ofSeconds(2)).until(d -> {
            open(node, route);
            try {
                new WebDriverWait(d, Duration.ofSeconds(5))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        .until(x -> condition.test(x));
                return true;
            } catch (org.openqa.selenium.TimeoutException e) {
                return false;
            }
        });
    }

    /** The centre of a demo grid: a point the city locates. */
    static double[] insideAGrid() {
        double[][] ring = demo.grids().get(demo.grids().size() / 2).ring();
        double lon = 0;
        double lat = 0;
        for (int i = 0; i < 4; i++) {
            lon += ring[i][0] / 4;
            lat += ring[i][1] / 4;
        }
        return new double[] {lon, lat};
    }

    static void type(WebElement form, String name, String text) {
        WebElement in = form.findElement(By.name(name));
        in.clear();
        in.sendKeys(text);
    }

    static Http.Reply okReply(Http.Reply r) {
        assertTrue(r.status() == 200 || r.status() == 201, r.toString());
        return r;
    }

    @Test
    @Order(6)
    void a12319CallBecomesACityCaseAndIsRated() throws Exception {
        login(national, "ministry");
        open(national, "complaints");
        visible(By.id("new-complaint")).click();
        WebElement form = visible(By.id("complaint-form"));
        // the server's problem for a nested member (location.divisionCode) appears next to that field
        submit(form, false);
        assertTrue(visible(By.cssSelector("#complaint-form .field[data-field='text'] .field-error")).getText()
                .contains("required"));
        assertFalse(browser.findElement(By.cssSelector("#complaint-form .field[data-field='location.divisionCode']"
                + " .field-error")).getText().isEmpty());
        double[] point = insideAGrid();
        type(form, "title", "小区门口垃圾三天未清运");
        type(form, "text", "北城街道某小区门口垃圾三天未清运，气味很大。（控制台）");
        type(form, "matter", "06010");
        type(form, "location.divisionCode", "140602");
        type(form, "location.lon", String.format(java.util.Locale.ROOT, "%.6f", point[0]));
        type(form, "location.lat", String.format(java.util.Locale.ROOT, "%.6f", point[1]));
        type(form, "contact.name", "刘女士");
        type(form, "contact.phone", "13800000000");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement link = visible(By.id("status-link"));
        assertTrue(link.getText().contains("/api/12319/status/"), link.getText());
        String complaintId = browser.findElement(By.id("intake-id")).getText();
        assertEquals("已转办至城市", browser.findElement(By.id("intake-status")).getText());
        shot("complaint-intake");
        // the token link works without signing in and is shown this once only
        Http.Reply status = new Http(national.baseUrl()).get(link.getText().replace(national.baseUrl(), ""));
        assertTrue(status.body().contains(complaintId), status.toString());
        open(national, "complaints");
        WebElement row = visible(By.xpath("//table//tr[contains(., '" + complaintId + "')]"));
        assertTrue(row.getText().contains("已转办至城市"), row.getText());
        new Select(visible(By.id("complaint-kind-filter"))).selectByValue("ENQUIRY");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(
                By.xpath("//table//tr[contains(., '" + complaintId + "')]")));
        new Select(browser.findElement(By.id("complaint-kind-filter"))).selectByValue("");
        visible(By.xpath("//table//a[contains(., '" + complaintId + "')]")).click();
        String nationalItem = browser.getCurrentUrl().replaceAll(".*#/complaint/", "");
        wait.until(ExpectedConditions.textToBe(By.id("complaint-status"), "已转办至城市"));

        // the city's intake operator finds it among the 12319 complaints, as a case
        login(municipal, "intake01");
        poll(municipal, "complaints", d -> !d.findElements(By.xpath("//table//tr[contains(., '" + complaintId
                + "')]//a[contains(@class, 'case-link')]")).isEmpty());
        shot("complaints-city");
        browser.findElement(By.xpath("//table//tr[contains(., '" + complaintId + "')]//a[contains(@class,"
                + " 'case-link')]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), "待受理"));
        long complaintCase = Long.parseLong(browser.getCurrentUrl().replaceAll(".*#/case/", ""));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains(complaintId));

        // handled to the end (the loop itself is clicked through above), the result goes back to the ministry
        Http intake = municipal.http().login("intake01", PASSWORD);
        Http dispatcher = municipal.http().login("dispatcher01", PASSWORD);
        okReply(intake.post("/api/cases/" + complaintCase + "/actions/accept", "{}"));
        okReply(municipal.http().login("shiftlead01", PASSWORD).post("/api/cases/" + complaintCase
                + "/actions/file", "{}"));
        okReply(dispatcher.post("/api/cases/" + complaintCase + "/actions/dispatch", "{}"));
        String department = dispatcher.get("/api/cases/" + complaintCase).json().getString("departmentId");
        okReply(municipal.http().login("dept-" + department, PASSWORD).post("/api/cases/" + complaintCase
                + "/actions/feedback", "{\"result\":\"垃圾已清运\"}"));
        okReply(intake.post("/api/cases/" + complaintCase + "/actions/send_check", "{\"inspector\":\"inspector001\"}"));
        okReply(municipal.http().login("inspector001", PASSWORD).post("/api/cases/" + complaintCase
                + "/actions/pass", "{}"));
        okReply(municipal.http().login("shiftlead01", PASSWORD).post("/api/cases/" + complaintCase
                + "/actions/close", "{}"));

        // the ministry sees the city's result and records the complainant's rating
        login(national, "ministry");
        poll(national, "complaint/" + nationalItem, d -> d.findElement(By.id("complaint-status")).getText()
                .equals("已办结，待回访"));
        assertTrue(visible(By.id("complaint-result")).getText().contains("垃圾已清运"));
        WebElement rating = visible(By.id("rating-form"));
        rating.findElement(By.cssSelector("input[name=satisfaction][value=DISSATISFIED]")).click();
        submit(rating, false);
        assertTrue(visible(By.cssSelector("#rating-form .field[data-field=comment] .field-error")).isDisplayed());
        rating.findElement(By.cssSelector("input[name=satisfaction][value=SATISFIED]")).click();
        shot("complaint-rating");
        submit(rating);
        wait.until(ExpectedConditions.textToBe(By.id("complaint-status"), "已办结"));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("满意"));
    }

    /** Clicks submit and waits for the form's problem (expectProblem false = the call is meant to be refused). */
    static void submit(WebElement form, boolean expectSuccess) {
        if (expectSuccess) {
            submit(form);
            return;
        }
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> !form.findElement(By.cssSelector(".form-error")).getText().isEmpty());
    }

    @Test
    @Order(7)
    void anOpinionFeedIsImportedAndHandledByTheCity() throws Exception {
        String now = java.time.Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        String header = "source,sourceKind,link,title,summary,sentiment,divisionCode,publishedAt,major\n";
        Path bad = WORK.resolve("opinions-bad.csv");
        Files.writeString(bad, header
                + "朔州日报,NEWS,https://example.cn/a,井盖缺失,民福街井盖缺失无人管,NEGATIVE,140602," + now + ",false\n"
                + "本地论坛,FORUM,,路灯,路灯不亮,ANGRY,140602," + now + ",false\n");
        Path good = WORK.resolve("opinions.csv");
        Files.writeString(good, header
                + "朔州日报,NEWS,https://example.cn/a,民福街井盖缺失（控制台）,民福街井盖缺失，行人险些跌倒。,NEGATIVE,140602,"
                + now + ",true\n"
                + "本地论坛,FORUM,,文远路路灯（控制台）,文远路路灯不亮已一周。,NEUTRAL,140602," + now + ",false\n");

        login(national, "ministry");
        open(national, "opinions");
        WebElement file = visible(By.id("opinion-file"));
        // a bad row refuses the whole file and names the row
        file.sendKeys(bad.toString());
        browser.findElement(By.id("import-button")).click();
        WebElement errors = visible(By.id("import-errors"));
        assertTrue(errors.getText().contains("第 2 行 sentiment"), errors.getText());
        assertTrue(browser.findElement(By.id("import-state")).getText().contains("未导入"));
        file.sendKeys(good.toString()); // replaces the chosen file
        browser.findElement(By.id("import-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("import-count"), "2"));
        assertEquals("100", browser.findElement(By.id("import-progress")).getAttribute("value"));
        WebElement flagged = visible(By.xpath("//table//tr[contains(@class, 'flagged') and contains(., '民福街井盖缺失')]"));
        assertTrue(flagged.getText().contains("重大"), flagged.getText());
        assertTrue(browser.findElements(By.xpath("//table//tr[contains(@class, 'flagged') and contains(., '文远路')]"))
                .isEmpty());
        shot("opinions-import");
        flagged.findElement(By.tagName("a")).click();
        String nationalItem = browser.getCurrentUrl().replaceAll(".*#/opinion/", "");
        wait.until(ExpectedConditions.textToBe(By.id("opinion-status"), "待处理"));

        // the city's task handler receives it and reports it handled
        login(municipal, "taskhandler");
        poll(municipal, "opinions", d -> !d.findElements(By.xpath("//table//tr[contains(., '民福街井盖缺失')]"))
                .isEmpty());
        browser.findElement(By.xpath("//table//tr[contains(., '民福街井盖缺失')]//a")).click();
        WebElement result = visible(By.id("opinion-result-form"));
        submit(result, false);
        assertTrue(visible(By.cssSelector("#opinion-result-form .field[data-field=text] .field-error")).isDisplayed());
        new Select(result.findElement(By.name("status"))).selectByValue("HANDLED");
        type(result, "text", "已核实，井盖已于当日补齐。");
        shot("opinion-city");
        submit(result);
        wait.until(ExpectedConditions.textToBe(By.id("opinion-status"), "已处理"));

        // the ministry sees the city's report and closes the item
        login(national, "ministry");
        poll(national, "opinion/" + nationalItem, d -> d.findElement(By.id("opinion-results")).getText()
                .contains("井盖已于当日补齐"));
        shot("opinion");
        submit(visible(By.id("close-form")));
        wait.until(ExpectedConditions.textToBe(By.id("opinion-status"), "已办结"));
    }

    @Test
    @Order(8)
    void anEmergencyReportedByTheCityIsFollowedAtNational() throws Exception {
        login(municipal, "taskhandler");
        open(municipal, "emergencies");
        visible(By.id("new-emergency")).click();
        WebElement form = visible(By.id("emergency-form"));
        submit(form, false);
        assertTrue(visible(By.cssSelector("#emergency-form .field[data-field=category] .field-error")).isDisplayed());
        type(form, "category", "燃气泄漏");
        type(form, "title", "民福街燃气管道泄漏（控制台）");
        type(form, "summary", "施工挖断燃气管道，已疏散周边群众。");
        new Select(form.findElement(By.name("severity"))).selectByValue("III");
        type(form, "address", "朔城区民福街");
        type(form, "casualties.injured", "2");
        submit(form);
        wait.until(ExpectedConditions.textToBe(By.id("emergency-status"), "处置中"));
        String title = "民福街燃气管道泄漏（控制台）";
        WebElement update = visible(By.id("emergency-update-form"));
        new Select(update.findElement(By.name("status"))).selectByValue("CONTROLLED");
        type(update, "summary", "泄漏点已封堵，险情得到控制。");
        submit(update);
        wait.until(ExpectedConditions.textToBe(By.id("emergency-status"), "已控制"));
        assertEquals(2, browser.findElements(By.cssSelector("#emergency-updates li")).size());
        shot("emergency-city");

        // the ministry sees it live with its update, and urges
        login(national, "ministry");
        poll(national, "emergencies", d -> !d.findElements(By.xpath("//table//tr[contains(., '" + title + "')]"))
                .isEmpty());
        shot("emergencies");
        browser.findElement(By.xpath("//table//tr[contains(., '" + title + "')]//a")).click();
        String id = browser.getCurrentUrl().replaceAll(".*#/emergency/", "");
        poll(national, "emergency/" + id, d -> d.findElement(By.id("emergency-status")).getText().equals("已控制")
                && d.findElements(By.cssSelector("#emergency-updates li")).size() == 2);
        assertTrue(browser.findElement(By.id("emergency-updates")).getText().contains("泄漏点已封堵"));
        WebElement urge = visible(By.id("urge-form"));
        type(urge, "content", "请做好善后并在 2 小时内续报。");
        submit(urge);
        visible(By.xpath("//*[contains(@class, 'urgings')]//p[contains(., '善后')]"));
        shot("emergency");
    }

    @Test
    @Order(9)
    void theReportingStatusShowsTheCityAndItsChart() throws Exception {
        login(municipal, "taskhandler");
        open(municipal, "reporting");
        WebElement now = visible(By.id("report-now-form"));
        // a period in the future is refused next to its field; then the last completed period is sent
        ((JavascriptExecutor) browser).executeScript("arguments[0].elements.from.value = '2099-01-01';"
                + " arguments[0].elements.to.value = '2099-01-02'", now);
        submit(now, false);
        assertTrue(visible(By.cssSelector("#report-now-form .field[data-field=to] .field-error")).isDisplayed());
        ((JavascriptExecutor) browser).executeScript("arguments[0].reset()", now);
        submit(now);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "已上报"));
        assertTrue(browser.findElement(By.id("reporting-sent")).getText().contains("手动上报"));
        shot("reporting-city");

        login(national, "ministry");
        poll(national, "reporting", d -> {
            List<WebElement> row = d.findElements(By.xpath("//div[@id='reporting-cities']//tr[contains(., '140600')]"));
            return !row.isEmpty() && row.get(0).getText().contains("已报");
        });
        assertTrue(browser.findElement(By.id("reporting-kpis")).getText().contains("下辖城市"));
        shot("reporting");
        browser.findElement(By.xpath("//div[@id='reporting-cities']//a[contains(., '140600')]")).click();
        WebElement chart = visible(By.id("reporting-chart"));
        assertTrue(Integer.parseInt(chart.getAttribute("data-points")) >= 1);
        wait.until(d -> ((JavascriptExecutor) d).executeScript("return !!window.Chart && !!Chart.getChart("
                + "document.getElementById('reporting-chart'))").equals(Boolean.TRUE));
        assertTrue(browser.findElement(By.id("city-reports")).getText().contains("统计报告"));
        shot("city-reports");
    }
}
